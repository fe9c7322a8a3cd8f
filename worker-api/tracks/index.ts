// The catalog endpoints: ingest (admin), list and search, read, delete (admin).
import { envelopeField } from '../envelopes';
import { listTracks, toRecord, trackById } from '../catalog';
import { ApiError, notFound } from '../errors';
import { shardsOf, trackRecords } from '../shards';
import { defineRoute } from '../spec';
import { forgetTrack } from './forget';
import { ingest } from './ingest';
import { ingestBody, ingestCreated, ingestFound, ingestPartial, listQuery, trackId, trackList, trackRecord } from './schemas';
import { INGEST_MAX_BYTES } from '../../common/limits';

const unavailable = 'index_unavailable: an index shard is unavailable; retry later';
const noTrack = { 404: 'not_found: no such track' };

const create = defineRoute({
  method: 'post',
  path: '/tracks',
  operationId: 'createTrack',
  tag: 'catalog',
  summary: 'Index a track (idempotent by content_sha1; answers duplicate_of instead of indexing the same audio twice)',
  rate: 'none',
  admin: true,
  body: { maxBytes: INGEST_MAX_BYTES, json: ingestBody },
  status: 201,
  response: ingestCreated,
  extraResponses: {
    200: { description: 'already indexed (status exists) or the same audio under another file (status duplicate)', schema: ingestFound },
    202: { description: 'a chunk was stored (status partial): send the next one', schema: ingestPartial },
  },
  errors: {
    409: 'external_id_taken: the external_id belongs to other audio; busy: the same track is being written or deleted, or another upload holds the duplicate check; chunk_out_of_order',
    422: 'fp_version_unsupported; invalid_field: hashes empty or of unequal lengths, or a chunk index not below its count',
    503: unavailable,
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
  operationId: 'listTracks',
  tag: 'catalog',
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
  operationId: 'getTrack',
  tag: 'catalog',
  summary: 'One track',
  rate: 'read',
  params: trackId,
  response: trackRecord,
  errors: noTrack,
  handler: async ({ c, params }) => {
    const row = await trackById(c.env.CATALOG, params.id);
    if (!row || row.state !== 'ready') throw notFound(`track ${params.id}`);
    return c.json(toRecord(row));
  },
});

const hashes = defineRoute({
  method: 'get',
  path: '/tracks/{id}/hashes',
  operationId: 'getTrackHashes',
  tag: 'catalog',
  summary: "A track's index-side hash records (hash, t), in time order, and its band envelope: what `earshot export` writes",
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
      envelope: {
        type: 'object',
        nullable: true,
        description: 'the stored band envelope as ingest takes it; null: the track was indexed without one',
        properties: { version: { type: 'integer' }, data: { type: 'string' } },
        required: ['version', 'data'],
      },
    },
    required: ['track', 'fp_version', 'hashes', 'envelope'],
  },
  errors: { ...noTrack, 503: unavailable },
  handler: async ({ c, params }) => {
    const row = await trackById(c.env.CATALOG, params.id);
    if (!row || row.state !== 'ready') throw notFound(`track ${params.id}`);
    let records: [number, number][];
    try {
      records = await trackRecords(shardsOf(c.env), c.env.HASH_LISTS, row.id);
    } catch (err) {
      console.error('export failed', row.id, String(err));
      throw new ApiError(503, 'index_unavailable', 'an index shard is unavailable; retry later');
    }
    records.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const envelope = await envelopeField(c.env.CATALOG, row.id);
    return c.json({ track: row.id, fp_version: row.fp_version, hashes: { hash: records.map((r) => r[0]), t: records.map((r) => r[1]) }, envelope });
  },
});

const remove = defineRoute({
  method: 'delete',
  path: '/tracks/{id}',
  operationId: 'deleteTrack',
  tag: 'catalog',
  summary: 'Delete a track and its hashes on every shard',
  rate: 'none',
  admin: true,
  params: trackId,
  response: { type: 'object', properties: { deleted: { type: 'integer' } }, required: ['deleted'] },
  errors: { ...noTrack, 503: `${unavailable} (the track is hidden: repeat the DELETE to finish)` },
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
