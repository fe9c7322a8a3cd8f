// Ingest of one track: idempotent by content SHA-1 (and external id), a duplicate check
// against the index, then rows on every shard before the track becomes visible. A long
// track may come as chunks, in order; each chunk's rows are written whole or retried.
import { frameSeconds, presets } from '../../dsp/src/index';
import type { IngestChunkResponse } from '../../common/api-types';
import { catalogSize, insertPending, recordChunk, removeRow, toRecord, trackById, trackByIdentity, type TrackRow } from '../catalog';
import { findDuplicate } from '../duplicates';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { checkFpVersion } from '../fp';
import { deleteTrackHashes, insertTrackHashes, ShardedIndex, shardsOf } from '../shards';
import type { Infer } from '../spec';
import type { ingestBody } from './schemas';

/** An upload with no write for this long died half-way: its leftovers may go. */
const STALE_INGEST_MS = 10 * 60 * 1000;

export type IngestBody = Infer<typeof ingestBody>;
type Answer = { status: 200 | 201 | 202; answer: IngestChunkResponse };

const outOfOrder = (expected: number) => new ApiError(409, 'chunk_out_of_order', `send chunk ${expected} next`);

/**
 * The row this request continues or repeats, or null for a new track; removes abandoned
 * uploads; throws when the request conflicts with the catalog.
 */
async function existing(env: Env, body: IngestBody, chunkCount: number): Promise<TrackRow | null> {
  const rows = await trackByIdentity(env.CATALOG, body.content_sha1, body.external_id ?? null);
  for (const row of rows) {
    const same = row.content_sha1 === body.content_sha1;
    if (row.state === 'ready') {
      if (same) return row;
      throw new ApiError(409, 'external_id_taken', `external_id ${body.external_id} belongs to track ${row.id}, which has other audio`);
    }
    if (Date.now() - Date.parse(row.updated_at) >= STALE_INGEST_MS) {
      await deleteTrackHashes(shardsOf(env), row.id);
      await removeRow(env.CATALOG, row.id);
      continue;
    }
    if (same && row.state === 'ingesting' && row.chunk_count === chunkCount && chunkCount > 1) return row;
    throw new ApiError(409, 'busy', `track ${row.id} with this audio or external id is being ${row.state === 'deleting' ? 'deleted' : 'ingested'}; retry later`);
  }
  return null;
}

function records(body: IngestBody): { hash: Uint32Array; t: Int32Array } {
  const { hash, t } = body.hashes;
  if (hash.length !== t.length) throw new ApiError(422, 'invalid_field', `body.hashes: hash has ${hash.length} entries but t has ${t.length}`);
  if (hash.length === 0) throw new ApiError(422, 'invalid_field', 'body.hashes: a track needs at least one hash');
  return { hash: Uint32Array.from(hash), t: Int32Array.from(t) };
}

/** Writes chunk `index` of track `id`; the last chunk makes the track visible. */
async function writeChunk(env: Env, id: number, index: number, count: number, rec: { hash: Uint32Array; t: Int32Array }): Promise<boolean> {
  const rows = await insertTrackHashes(shardsOf(env), id, rec.hash, rec.t);
  if (!(await recordChunk(env.CATALOG, id, index, rows))) throw outOfOrder(index + 1);
  return index === count - 1;
}

async function partial(env: Env, id: number): Promise<Answer> {
  const row = await trackById(env.CATALOG, id);
  if (row!.state === 'ready') return { status: 200, answer: { status: 'exists', track: toRecord(row!) } };
  return { status: 202, answer: { status: 'partial', track_id: id, chunks_done: row!.chunks_done, chunk_count: row!.chunk_count } };
}

/** Chunk 1.. of an upload whose first chunk is stored. */
async function continueUpload(env: Env, row: TrackRow, index: number, rec: { hash: Uint32Array; t: Int32Array }): Promise<Answer> {
  if (index < row.chunks_done) return partial(env, row.id); // a retry of a stored chunk
  if (index > row.chunks_done) throw outOfOrder(row.chunks_done);
  try {
    await writeChunk(env, row.id, index, row.chunk_count, rec);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    // rows this chunk left on some shards are invisible, and the retry's INSERT OR IGNORE completes them
    console.error('chunk failed', row.id, index, String(err));
    throw new ApiError(503, 'index_unavailable', `an index shard refused chunk ${index}; retry it`);
  }
  const done = await trackById(env.CATALOG, row.id);
  if (done!.state === 'ready') return { status: 201, answer: { status: 'created', track: toRecord(done!), duplicate_of: null } };
  return partial(env, row.id);
}

export async function ingest(env: Env, body: IngestBody): Promise<Answer> {
  checkFpVersion(body.fp_version);
  const { index, count } = body.chunk ?? { index: 0, count: 1 };
  if (index >= count) throw new ApiError(422, 'invalid_field', `body.chunk: index ${index} is not below count ${count}`);
  const rec = records(body);
  const found = await existing(env, body, count);
  if (found?.state === 'ready') return { status: 200, answer: { status: 'exists', track: toRecord(found) } };
  if (found) return continueUpload(env, found, index, rec);
  if (index > 0) throw outOfOrder(0);

  const dbs = shardsOf(env);
  const shardIndex = new ShardedIndex(dbs, await catalogSize(env.CATALOG));
  const duplicate = await findDuplicate(env.CATALOG, shardIndex, rec.hash, rec.t);
  if (shardIndex.failed.size > 0) throw new ApiError(503, 'index_unavailable', 'an index shard is unavailable, so duplicates cannot be ruled out; retry later');
  if (duplicate && !body.force) return { status: 200, answer: { status: 'duplicate', duplicate_of: duplicate } };

  let id: number;
  try {
    id = await insertPending(
      env.CATALOG,
      {
        external_id: body.external_id ?? null,
        title: body.title,
        artist: body.artist ?? null,
        album: body.album ?? null,
        isrc: body.isrc ?? null,
        duration_s: body.duration_s,
        frames: Math.round(body.duration_s / frameSeconds(presets.index)),
        content_sha1: body.content_sha1,
        fp_version: body.fp_version,
      },
      count,
    );
  } catch (err) {
    // a concurrent request inserted the same audio or external id first
    if (String(err).includes('UNIQUE')) throw new ApiError(409, 'busy', 'the same audio or external id is being ingested by another request; retry later');
    throw err;
  }
  let last: boolean;
  try {
    last = await writeChunk(env, id, 0, count, rec);
  } catch (err) {
    // shards that committed hold rows of a track that will not exist: take them back
    console.error('ingest failed', id, String(err));
    await deleteTrackHashes(dbs, id)
      .then(() => removeRow(env.CATALOG, id))
      .catch((e) => console.error('ingest cleanup failed', id, String(e)));
    throw new ApiError(503, 'index_unavailable', 'an index shard refused the write; nothing was indexed, retry later');
  }
  if (!last) return partial(env, id);
  const track = await trackById(env.CATALOG, id);
  return { status: 201, answer: { status: 'created', track: toRecord(track!), duplicate_of: duplicate } };
}
