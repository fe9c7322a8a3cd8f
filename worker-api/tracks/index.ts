// The catalog endpoints: ingest (admin), list and search, read, delete (admin).
import { listTracks, toRecord, trackById } from '../catalog';
import { ApiError, notFound } from '../errors';
import { shardsOf, trackRecords } from '../shards';
import { defineRoute } from '../spec';
import { forgetTrack } from './forget';
import { ingest } from './ingest';
import { ingestBody, ingestResponse, INGEST_MAX_BYTES, listQuery, trackId, trackList, trackRecord } from './schemas';

const create = defineRoute({
  method: 'post',
  path: '/tracks',
  summary: 'Index a track (idempotent by content_sha1; answers duplicate_of instead of indexing the same audio twice)',
  rate: 'none',
  admin: true,
  body: { maxBytes: INGEST_MAX_BYTES, json: ingestBody },
  status: 201,
  response: ingestResponse,
  extraResponses: {
    200: { description: 'already indexed (status exists) or the same audio under another file (status duplicate)', schema: ingestResponse },
    202: { description: 'a chunk was stored (status partial): send the next one', schema: ingestResponse },
    409: { description: 'external_id taken by other audio, or the same track is being written', schema: { type: 'object', properties: {} } },
  },
  handler: async ({ c, body }) => {
    if (body.kind !== 'json') throw new ApiError(415, 'unsupported_media_type', 'Content-Type must be application/json');
    const { status, answer } = await ingest(c.env, body.value);
    return c.json(answer, status);
  },
});

const list = defineRoute({
  method: 'get',
  path: '/tracks',
  summary: 'List tracks, searchable by title, artist, ISRC or external id',
  rate: 'read',
  query: listQuery,
  response: trackList,
  handler: async ({ c, query }) => {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { tracks, total } = await listTracks(c.env.CATALOG, { ...query, limit, offset });
    return c.json({ tracks, total, limit, offset });
  },
});

const read = defineRoute({
  method: 'get',
  path: '/tracks/{id}',
  summary: 'One track',
  rate: 'read',
  params: trackId,
  response: trackRecord,
  handler: async ({ c, params }) => {
    const row = await trackById(c.env.CATALOG, params.id);
    if (!row || row.state !== 'ready') throw notFound(`track ${params.id}`);
    return c.json(toRecord(row));
  },
});

const hashes = defineRoute({
  method: 'get',
  path: '/tracks/{id}/hashes',
  summary: "A track's index-side hash records (hash, t), in time order: what `earshot export` writes",
  rate: 'none',
  admin: true,
  params: trackId,
  response: {
    type: 'object',
    properties: {
      track: { type: 'integer' },
      fp_version: { type: 'integer' },
      hashes: {
        type: 'object',
        properties: { hash: { type: 'array', items: { type: 'integer' } }, t: { type: 'array', items: { type: 'integer' } } },
        required: ['hash', 't'],
      },
    },
    required: ['track', 'fp_version', 'hashes'],
  },
  handler: async ({ c, params }) => {
    const row = await trackById(c.env.CATALOG, params.id);
    if (!row || row.state !== 'ready') throw notFound(`track ${params.id}`);
    let records: [number, number][];
    try {
      records = await trackRecords(shardsOf(c.env), row.id);
    } catch (err) {
      console.error('export failed', row.id, String(err));
      throw new ApiError(503, 'index_unavailable', 'an index shard is unavailable; retry later');
    }
    records.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    return c.json({ track: row.id, fp_version: row.fp_version, hashes: { hash: records.map((r) => r[0]), t: records.map((r) => r[1]) } });
  },
});

const remove = defineRoute({
  method: 'delete',
  path: '/tracks/{id}',
  summary: 'Delete a track and its hashes on every shard',
  rate: 'none',
  admin: true,
  params: trackId,
  response: { type: 'object', properties: { deleted: { type: 'integer' } }, required: ['deleted'] },
  handler: async ({ c, params }) => {
    const row = await trackById(c.env.CATALOG, params.id);
    // any state: an upload still 'ingesting' (abandoned or not) goes too; its client, if
    // alive, is told to send it again
    if (!row) throw notFound(`track ${params.id}`);
    try {
      await forgetTrack(c.env, row.id);
    } catch (err) {
      console.error('delete failed', row.id, String(err));
      throw new ApiError(503, 'index_unavailable', `an index shard is unavailable; track ${row.id} is hidden, repeat the DELETE to finish`);
    }
    return c.json({ deleted: row.id });
  },
});

export const trackRoutes = [create, list, read, hashes, remove];
