// A track's cover art: PUT an image (admin), GET it square at a size, DELETE it (admin).
// Resized once, at upload, and kept in R2 per size (docs/artwork.md has why); GET reads one
// object. A track without a picture answers a placeholder drawn from its title.
import { ARTWORK_SIZES, ARTWORK_UPLOAD_TYPES, type ArtworkSize, type ArtworkUpload, type ArtworkUploadType, placeholderSvg } from '../../common/artwork';
import { ARTWORK_MAX_BYTES } from '../../common/limits';
import { type ArtworkRow, artworkRow, swapArtwork } from '../catalog';
import type { Env } from '../env';
import { ApiError, notFound } from '../errors';
import { defineRoute, type ObjectSchema } from '../spec';
import { trackId } from '../tracks/schemas';
import { checkHeader, renderSizes, versionOf } from './render';
import { deleteTrackArtwork, deleteVersion, putVersion, sizeKey } from './store';

const PATH = '/tracks/{id}/artwork';

/**
 * The URL carries no version (common/artwork.ts artworkPath: clients know only the track),
 * so a cached picture may be a day old after a change; revalidating costs a 304. A
 * placeholder is kept an hour, so a picture uploaded later shows soon.
 */
const PICTURE_CACHE = 'public, max-age=86400';
const PLACEHOLDER_CACHE = 'public, max-age=3600';

const sizeQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { size: { type: 'integer', enum: ARTWORK_SIZES, description: 'edge in pixels (common/artwork.ts ARTWORK_SIZES)' } },
  required: ['size'],
} as const satisfies ObjectSchema;

const uploadAnswer = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['created', 'unchanged'] },
    track: { type: 'integer' },
    artwork: { type: 'string', description: "the picture's version: TrackRecord.artwork, part of GET's ETag" },
    type: { type: 'string', enum: ARTWORK_UPLOAD_TYPES },
    width: { type: 'integer' },
    height: { type: 'integer' },
  },
  required: ['status', 'track', 'artwork', 'type', 'width', 'height'],
} as const satisfies ObjectSchema;

const noTrack = 'not_found: no such track';

/** The ready track, or 404. */
async function readyTrack(env: Env, id: number): Promise<ArtworkRow> {
  const row = await artworkRow(env.CATALOG, id);
  if (!row || row.state !== 'ready') throw notFound(`track ${id}`);
  return row;
}

/** If-None-Match names `etag` (or is *): weak or strong, any in a list. */
function unchanged(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

async function placeholderEtag(svg: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(svg)));
  return `"p-${[...digest.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}"`;
}

const read = defineRoute({
  method: 'get',
  path: PATH,
  operationId: 'getArtwork',
  tag: 'catalog',
  summary: "A track's cover art, square, at one size (a placeholder with the title's initials when it has none)",
  description:
    'JPEG for an uploaded picture, SVG for the placeholder. ETag + If-None-Match answer 304; Cache-Control max-age is a day for a picture, an hour for a placeholder (the URL has no version).',
  rate: 'read',
  params: trackId,
  query: sizeQuery,
  mediaType: ['image/jpeg', 'image/svg+xml'],
  response: { type: 'string', description: 'the picture' },
  responseHeaders: {
    ETag: { description: "the picture's version and size", schema: { type: 'string' }, required: true },
    'Cache-Control': { description: 'how long to keep it without asking', schema: { type: 'string' }, required: true },
  },
  extraResponses: { 304: { description: 'If-None-Match names the current picture: keep yours' } },
  errors: { 404: noTrack },
  handler: async ({ c, params, query }) => {
    const row = await readyTrack(c.env, params.id);
    const size = query.size as ArtworkSize;
    const asked = c.req.header('if-none-match');
    if (row.artwork_hash) {
      const etag = `"${row.artwork_hash}-${size}"`;
      const headers = { etag, 'cache-control': PICTURE_CACHE };
      if (unchanged(asked, etag)) return new Response(null, { status: 304, headers });
      const object = await c.env.ARTWORK.get(sizeKey(row.id, row.artwork_hash, size));
      if (object) return new Response(object.body, { headers: { ...headers, 'content-type': 'image/jpeg', 'content-length': String(object.size) } });
      // the catalog names a version R2 does not hold (lost, or removed by hand): draw instead
      console.error('artwork missing in R2', row.id, row.artwork_hash, size);
    }
    const svg = placeholderSvg(row.title, size);
    const headers = { etag: await placeholderEtag(svg), 'cache-control': PLACEHOLDER_CACHE };
    if (unchanged(asked, headers.etag)) return new Response(null, { status: 304, headers });
    return new Response(svg, { headers: { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' } });
  },
});

const upload = defineRoute({
  method: 'put',
  path: PATH,
  operationId: 'putArtwork',
  tag: 'catalog',
  summary: "Set a track's cover art (idempotent by content: the same bytes again change nothing)",
  description: `The body is the picture: JPEG, PNG or WebP, at most ${ARTWORK_MAX_BYTES} bytes, each edge within common/limits.ts ARTWORK_MIN_EDGE..ARTWORK_MAX_EDGE. It is cropped to its centre square and stored at every size GET serves.`,
  rate: 'none',
  admin: true,
  params: trackId,
  body: { maxBytes: ARTWORK_MAX_BYTES, binary: { contentType: ARTWORK_UPLOAD_TYPES, description: 'the picture, as its Content-Type says' } },
  status: 201,
  response: uploadAnswer,
  extraResponses: { 200: { description: 'the track has this very picture already (status unchanged)', schema: uploadAnswer } },
  errors: {
    404: noTrack,
    409: 'busy: another upload changed the picture meanwhile; retry',
    422: 'invalid_image: not a picture of its Content-Type, edges out of bounds, or undecodable',
  },
  handler: async ({ c, params, body }) => {
    if (body.kind !== 'binary') throw new ApiError(415, 'unsupported_media_type', `Content-Type must be one of ${ARTWORK_UPLOAD_TYPES.join(', ')}`);
    const declared = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase() as ArtworkUploadType;
    const row = await readyTrack(c.env, params.id);
    const header = checkHeader(body.bytes, declared);
    const version = await versionOf(body.bytes);
    const answer = (status: ArtworkUpload['status']): ArtworkUpload => ({ status, track: row.id, artwork: version, type: header.type, width: header.width, height: header.height });
    if (row.artwork_hash === version) return c.json(answer('unchanged'), 200);
    const started = performance.now();
    const sizes = await renderSizes(body.bytes, header);
    // decode, resize and encode: the upload's CPU (docs/artwork.md measures it)
    c.header('Server-Timing', `render;dur=${(performance.now() - started).toFixed(1)}`, { append: true });
    await putVersion(c.env.ARTWORK, row.id, version, { bytes: body.bytes, type: header.type }, sizes);
    if (!(await swapArtwork(c.env.CATALOG, row.id, row.artwork_hash, { hash: version, type: header.type }))) {
      // the track went, or another upload won: this version is nobody's
      await deleteVersion(c.env.ARTWORK, row.id, version);
      if (!(await artworkRow(c.env.CATALOG, row.id))) throw notFound(`track ${row.id}`);
      throw new ApiError(409, 'busy', 'another upload changed the picture meanwhile; retry');
    }
    if (row.artwork_hash) await deleteVersion(c.env.ARTWORK, row.id, row.artwork_hash).catch((e) => console.error('old artwork left in R2', row.id, String(e)));
    return c.json(answer('created'), 201);
  },
});

const remove = defineRoute({
  method: 'delete',
  path: PATH,
  operationId: 'deleteArtwork',
  tag: 'catalog',
  summary: "Remove a track's cover art (GET then answers the placeholder)",
  rate: 'none',
  admin: true,
  params: trackId,
  response: {
    type: 'object',
    properties: { track: { type: 'integer' }, removed: { type: 'boolean', description: 'false: the track had no picture' } },
    required: ['track', 'removed'],
  },
  errors: { 404: noTrack, 409: 'busy: an upload changed the picture meanwhile; retry' },
  handler: async ({ c, params }) => {
    const row = await readyTrack(c.env, params.id);
    if (row.artwork_hash && !(await swapArtwork(c.env.CATALOG, row.id, row.artwork_hash, null))) {
      throw new ApiError(409, 'busy', 'an upload changed the picture meanwhile; retry');
    }
    // every version, also any an interrupted upload left behind
    await deleteTrackArtwork(c.env.ARTWORK, row.id);
    return c.json({ track: row.id, removed: row.artwork_hash !== null });
  },
});

export const artworkRoutes = [read, upload, remove];
