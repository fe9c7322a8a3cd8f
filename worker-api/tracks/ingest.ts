// Ingest of one track: idempotent by content SHA-1 (and external id), a duplicate check
// against the index, then rows on every shard before the track becomes visible.
import { frameSeconds, presets } from '../../dsp/src/index';
import type { IngestResponse } from '../../common/api-types';
import { insertPending, markReady, removeRow, toRecord, trackById, trackByIdentity, catalogSize, type TrackRow } from '../catalog';
import { findDuplicate } from '../duplicates';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { checkFpVersion } from '../fp';
import { deleteTrackHashes, insertTrackHashes, ShardedIndex, shardsOf } from '../shards';
import type { Infer } from '../spec';
import type { ingestBody } from './schemas';

/** An ingest that has not finished in this time died half-way: its leftovers may go. */
const STALE_INGEST_MS = 10 * 60 * 1000;

export type IngestBody = Infer<typeof ingestBody>;

/** The existing row this request is a retry of, or null; throws when it conflicts. */
async function existing(env: Env, body: IngestBody): Promise<TrackRow | null> {
  const rows = await trackByIdentity(env.CATALOG, body.content_sha1, body.external_id ?? null);
  for (const row of rows) {
    if (row.state === 'ready') {
      if (row.content_sha1 === body.content_sha1) return row;
      throw new ApiError(409, 'external_id_taken', `external_id ${body.external_id} belongs to track ${row.id}, which has other audio`);
    }
    if (Date.now() - Date.parse(row.created_at) < STALE_INGEST_MS) {
      throw new ApiError(409, 'busy', `track ${row.id} with this audio or external id is being ${row.state === 'deleting' ? 'deleted' : 'ingested'}; retry later`);
    }
    await deleteTrackHashes(shardsOf(env), row.id);
    await removeRow(env.CATALOG, row.id);
  }
  return null;
}

export async function ingest(env: Env, body: IngestBody): Promise<{ status: 200 | 201; answer: IngestResponse }> {
  checkFpVersion(body.fp_version);
  const { hash: hashList, t: tList } = body.hashes;
  if (hashList.length !== tList.length) {
    throw new ApiError(422, 'invalid_field', `body.hashes: hash has ${hashList.length} entries but t has ${tList.length}`);
  }
  if (hashList.length === 0) throw new ApiError(422, 'invalid_field', 'body.hashes: a track needs at least one hash');
  const found = await existing(env, body);
  if (found) return { status: 200, answer: { status: 'exists', track: toRecord(found) } };

  const hash = Uint32Array.from(hashList);
  const t = Int32Array.from(tList);
  const dbs = shardsOf(env);
  const index = new ShardedIndex(dbs, await catalogSize(env.CATALOG));
  const duplicate = await findDuplicate(env.CATALOG, index, hash, t);
  if (index.failed.size > 0) throw new ApiError(503, 'index_unavailable', 'an index shard is unavailable, so duplicates cannot be ruled out; retry later');
  if (duplicate && !body.force) return { status: 200, answer: { status: 'duplicate', duplicate_of: duplicate } };

  let id: number;
  try {
    id = await insertPending(env.CATALOG, {
      external_id: body.external_id ?? null,
      title: body.title,
      artist: body.artist ?? null,
      album: body.album ?? null,
      isrc: body.isrc ?? null,
      duration_s: body.duration_s,
      frames: Math.round(body.duration_s / frameSeconds(presets.index)),
      content_sha1: body.content_sha1,
      fp_version: body.fp_version,
    });
  } catch (err) {
    // a concurrent request inserted the same audio or external id first
    if (String(err).includes('UNIQUE')) throw new ApiError(409, 'busy', 'the same audio or external id is being ingested by another request; retry later');
    throw err;
  }
  let rows: number;
  try {
    rows = await insertTrackHashes(dbs, id, hash, t);
  } catch (err) {
    // shards that committed hold rows of a track that will not exist: take them back
    console.error('ingest failed', id, String(err));
    await deleteTrackHashes(dbs, id).then(() => removeRow(env.CATALOG, id)).catch((e) => console.error('ingest cleanup failed', id, String(e)));
    throw new ApiError(503, 'index_unavailable', 'an index shard refused the write; nothing was indexed, retry later');
  }
  await markReady(env.CATALOG, id, rows);
  const track = await trackById(env.CATALOG, id);
  return { status: 201, answer: { status: 'created', track: toRecord(track!), duplicate_of: duplicate } };
}
