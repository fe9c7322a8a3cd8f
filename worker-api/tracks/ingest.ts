// Ingest of one track: idempotent by content SHA-1 (and external id), a duplicate check
// against the index, then rows on every shard before the track becomes visible. A long
// track may come as chunks, in order; each chunk's rows are written whole or retried.
// The duplicate check and the first rows happen under the ingest lease (one upload at a
// time), so the same audio sent twice at once under two files is indexed once. A retry of
// an upload that died half-way takes its row over: rows are written with INSERT OR IGNORE,
// so writing them again is harmless. The same audio indexed in an older fp_version is
// replaced, so ingesting a library again after a format change brings it up to date.
import { frameSeconds, presets } from '../../dsp/src/index';
import type { IngestChunkResponse } from '../../common/api-types';
import {
  catalogSize,
  insertPending,
  recordChunk,
  releaseIngestLease,
  renewIngestLease,
  takeIngestLease,
  toRecord,
  trackById,
  trackByIdentity,
  type TrackRow,
} from '../catalog';
import { findDuplicate } from '../duplicates';
import { parseStoredEnvelope, putEnvelope } from '../envelopes';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { checkFpVersion } from '../fp';
import { insertTrackHashes, ShardedIndex, shardsOf } from '../shards';
import type { Infer } from '../spec';
import { forgetTrack, STALE_INGEST_MS } from './forget';
import type { ingestBody } from './schemas';

/**
 * The lease runs out this soon unless its holder renews it (every LEASE_RENEW_MS while it
 * works): a request that died holding it blocks other uploads for seconds, not a minute.
 */
export const LEASE_MS = 6_000;
const LEASE_RENEW_MS = 2_000;
/** How long an upload waits for another to finish before answering busy. */
const LEASE_WAIT_MS = 10_000;
const LEASE_POLL_MS = 25;

export type IngestBody = Infer<typeof ingestBody>;
type Answer = { status: 200 | 201 | 202; answer: IngestChunkResponse };
type Records = { hash: Uint32Array; t: Int32Array; envelope: Uint8Array | null };

const outOfOrder = (expected: number) => new ApiError(409, 'chunk_out_of_order', `send chunk ${expected} next`);

/**
 * The row this request continues or repeats, or null for a new track; removes abandoned
 * uploads; throws when the request conflicts with the catalog.
 */
async function existing(env: Env, body: IngestBody, chunkCount: number): Promise<TrackRow | null> {
  const rows = await trackByIdentity(env.CATALOG, body.content_sha1, body.external_id ?? null);
  for (const row of rows) {
    const same = row.content_sha1 === body.content_sha1;
    if (row.state === 'ready' && same && row.fp_version !== body.fp_version) {
      // the same audio indexed in an older fingerprint format: this upload replaces it
      await forgetTrack(env, row.id);
      continue;
    }
    if (row.state === 'ready') {
      if (same) return row;
      throw new ApiError(409, 'external_id_taken', `external_id ${body.external_id} belongs to track ${row.id}, which has other audio`);
    }
    // the same upload again: the next chunk, or a retry of one whose request died
    if (same && row.state === 'ingesting' && row.chunk_count === chunkCount) return row;
    if (Date.now() - Date.parse(row.updated_at) >= STALE_INGEST_MS) {
      await forgetTrack(env, row.id);
      continue;
    }
    throw new ApiError(409, 'busy', `track ${row.id} with this audio or external id is being ${row.state === 'deleting' ? 'deleted' : 'ingested'}; retry later`);
  }
  return null;
}

function records(body: IngestBody): Records {
  const { hash, t } = body.hashes;
  if (hash.length !== t.length) throw new ApiError(422, 'invalid_field', `body.hashes: hash has ${hash.length} entries but t has ${t.length}`);
  if (hash.length === 0) throw new ApiError(422, 'invalid_field', 'body.hashes: a track needs at least one hash');
  return { hash: Uint32Array.from(hash), t: Int32Array.from(t), envelope: parseStoredEnvelope(body.envelope, body.duration_s) };
}

/** Distinct (hash, t) records: the rows they make, however many of them a retry finds written. */
function distinctRecords(rec: Records): number {
  const seen = new Set<number>();
  for (let i = 0; i < rec.hash.length; i++) seen.add(rec.hash[i] * 2 ** 24 + rec.t[i]);
  return seen.size;
}

/**
 * Writes chunk `index` of track `id`; false when another request counted that chunk first
 * (a retry racing the request it repeats).
 */
async function writeChunk(env: Env, id: number, index: number, rec: Records): Promise<boolean> {
  await insertTrackHashes(shardsOf(env), env.HASH_LISTS, id, index, rec.hash, rec.t);
  return recordChunk(env.CATALOG, id, index, distinctRecords(rec));
}

/** Where the upload of track `id` stands: the answer to a chunk that changed nothing. */
async function partial(env: Env, id: number): Promise<Answer> {
  const row = await trackById(env.CATALOG, id);
  if (!row) throw new ApiError(503, 'index_unavailable', `the upload of track ${id} was abandoned meanwhile; send it again`);
  if (row.state === 'ready') return { status: 200, answer: { status: 'exists', track: toRecord(row) } };
  return { status: 202, answer: { status: 'partial', track_id: id, chunks_done: row.chunks_done, chunk_count: row.chunk_count } };
}

/** Runs `work` holding the ingest lease; answers busy when another upload keeps it too long. */
async function underLease<T>(env: Env, work: () => Promise<T>): Promise<T> {
  const holder = crypto.randomUUID();
  const deadline = Date.now() + LEASE_WAIT_MS;
  while (!(await takeIngestLease(env.CATALOG, holder, LEASE_MS))) {
    if (Date.now() > deadline) throw new ApiError(409, 'busy', 'another upload is being checked for duplicates; retry later');
    await new Promise((r) => setTimeout(r, LEASE_POLL_MS));
  }
  const renewal = setInterval(() => void renewIngestLease(env.CATALOG, holder, LEASE_MS).catch((e) => console.error('lease renewal failed', String(e))), LEASE_RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await releaseIngestLease(env.CATALOG, holder).catch((e) => console.error('lease release failed', String(e)));
  }
}

/** Chunk 1.. of an upload whose first chunk is stored. */
async function continueUpload(env: Env, row: TrackRow, index: number, rec: Records): Promise<Answer> {
  if (index < row.chunks_done) return partial(env, row.id); // a retry of a stored chunk
  if (index > row.chunks_done) throw outOfOrder(row.chunks_done);
  let recorded: boolean;
  try {
    // chunk 0 again: its request died, maybe before the envelope was stored
    if (index === 0 && rec.envelope) await putEnvelope(env.CATALOG, row.id, rec.envelope);
    recorded = await writeChunk(env, row.id, index, rec);
  } catch (err) {
    // rows this chunk left on some shards are invisible, and the retry's INSERT OR IGNORE completes them
    console.error('chunk failed', row.id, index, String(err));
    throw new ApiError(503, 'index_unavailable', `an index shard refused chunk ${index}; retry it`);
  }
  const done = await trackById(env.CATALOG, row.id);
  if (recorded && done?.state === 'ready') return { status: 201, answer: { status: 'created', track: toRecord(done), duplicate_of: null } };
  return partial(env, row.id);
}

export async function ingest(env: Env, body: IngestBody): Promise<Answer> {
  checkFpVersion(body.fp_version);
  const { index, count } = body.chunk ?? { index: 0, count: 1 };
  if (index >= count) throw new ApiError(422, 'invalid_field', `body.chunk: index ${index} is not below count ${count}`);
  const rec = records(body);
  if (index > 0) {
    const known = await ofKnownTrack(env, body, index, count, rec);
    if (known) return known;
    throw outOfOrder(0);
  }
  // looked up under the lease: the audio may have arrived while this request waited for it
  return underLease(env, async () => (await ofKnownTrack(env, body, 0, count, rec)) ?? newTrack(env, body, count, rec));
}

/** The answer when this audio is indexed or being uploaded already, else null. */
async function ofKnownTrack(env: Env, body: IngestBody, index: number, count: number, rec: Records): Promise<Answer | null> {
  const found = await existing(env, body, count);
  if (found?.state === 'ready') {
    // a library ingested again brings a track indexed before envelopes (or in an older one) up to date
    if (rec.envelope && index === 0) await putEnvelope(env.CATALOG, found.id, rec.envelope);
    return { status: 200, answer: { status: 'exists', track: toRecord(found) } };
  }
  return found ? continueUpload(env, found, index, rec) : null;
}

/** Chunk 0 of a new track (or the whole track): the duplicate check, the row, the rows. */
async function newTrack(env: Env, body: IngestBody, count: number, rec: Records): Promise<Answer> {
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
        year: body.year ?? null,
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
  try {
    // before the rows make the track visible; a failure below removes it with the track
    if (rec.envelope) await putEnvelope(env.CATALOG, id, rec.envelope);
    await writeChunk(env, id, 0, rec);
  } catch (err) {
    // shards that committed hold rows of a track that will not exist: take them back
    console.error('ingest failed', id, String(err));
    await forgetTrack(env, id).catch((e) => console.error('ingest cleanup failed', id, String(e)));
    throw new ApiError(503, 'index_unavailable', 'an index shard refused the write; nothing was indexed, retry later');
  }
  const track = await trackById(env.CATALOG, id);
  if (track?.state !== 'ready') return partial(env, id);
  return { status: 201, answer: { status: 'created', track: toRecord(track), duplicate_of: duplicate } };
}
