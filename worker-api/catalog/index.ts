// The catalog database: track rows and their life cycle (ingesting -> ready -> deleting).
import type { CatalogSize } from '../../dsp/src/index';
import type { TrackMeta, TrackRecord } from '../../common/api-types';
import { listTracks as listPage, type ListQuery } from './search';
import { deleteEnvelope } from '../envelopes';

const RECORD_COLUMNS = 'id, external_id, title, artist, album, isrc, year, duration_s, hash_count, content_sha1, fp_version, created_at, artwork_hash AS artwork';
const QUALIFIED_COLUMNS = RECORD_COLUMNS.split(', ').map((c) => `t.${c}`).join(', ');

export interface TrackRow extends TrackRecord {
  state: 'ingesting' | 'ready' | 'deleting';
  chunk_count: number;
  chunks_done: number;
  /** Last write of an upload (ISO time). */
  updated_at: string;
}

const ROW_COLUMNS = `${RECORD_COLUMNS}, state, chunk_count, chunks_done, COALESCE(updated_at, created_at) AS updated_at`;
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

export interface NewTrack {
  external_id: string | null;
  title: string;
  artist: string | null;
  album: string | null;
  isrc: string | null;
  year: number | null;
  duration_s: number;
  frames: number;
  content_sha1: string;
  fp_version: number;
}

export function toMeta(r: TrackRecord): TrackMeta {
  return { id: r.id, external_id: r.external_id, title: r.title, artist: r.artist, album: r.album, isrc: r.isrc, year: r.year };
}

export function toRecord({ state: _s, chunk_count: _c, chunks_done: _d, updated_at: _u, ...record }: TrackRow): TrackRecord {
  return record;
}

export async function trackById(db: D1Database, id: number): Promise<TrackRow | null> {
  return db.prepare(`SELECT ${ROW_COLUMNS} FROM tracks WHERE id = ?1`).bind(id).first<TrackRow>();
}

/** The row holding this audio or this external id, whatever its state. */
export async function trackByIdentity(db: D1Database, sha1: string, externalId: string | null): Promise<TrackRow[]> {
  const { results } = await db
    .prepare(`SELECT ${ROW_COLUMNS} FROM tracks WHERE content_sha1 = ?1 OR (?2 IS NOT NULL AND external_id = ?2)`)
    .bind(sha1, externalId)
    .all<TrackRow>();
  return results;
}

/** Ready tracks by id, for answers that name tracks found in the index. */
export async function readyRecords(db: D1Database, ids: number[]): Promise<Map<number, TrackRecord>> {
  if (ids.length === 0) return new Map();
  const { results } = await db
    .prepare(`SELECT ${RECORD_COLUMNS} FROM tracks WHERE state = 'ready' AND id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids))
    .all<TrackRecord>();
  return new Map(results.map((r) => [r.id, r]));
}

export async function readyMetas(db: D1Database, ids: number[]): Promise<Map<number, TrackMeta>> {
  return new Map([...(await readyRecords(db, ids))].map(([id, r]) => [id, toMeta(r)]));
}

/** The ready catalog's totals; `stamp` changes with every change of it (migrations/catalog/0013). */
export type CatalogTotals = CatalogSize & { seconds: number; rows: number; stamp: number };

export async function catalogSize(db: D1Database): Promise<CatalogTotals> {
  const r = await db.prepare('SELECT tracks, frames, seconds, rows, stamp FROM catalog_totals WHERE id = 1').first<CatalogTotals>();
  return r!;
}

export async function insertPending(db: D1Database, t: NewTrack, chunkCount: number): Promise<number> {
  const r = await db
    .prepare(
      `INSERT INTO tracks (external_id, title, artist, album, isrc, year, duration_s, frames, hash_count, content_sha1, fp_version, state, chunk_count, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?10, 'ingesting', ?11, ${NOW}) RETURNING id`,
    )
    .bind(t.external_id, t.title, t.artist, t.album, t.isrc, t.year, t.duration_s, t.frames, t.content_sha1, t.fp_version, chunkCount)
    .first<{ id: number }>();
  return r!.id;
}

/**
 * Counts chunk `index` of an upload as committed; the last one makes the track visible.
 * False when another request counted it first (the row's chunks_done moved on).
 */
export async function recordChunk(db: D1Database, id: number, index: number, rows: number): Promise<boolean> {
  const r = await db
    .prepare(
      `UPDATE tracks SET chunks_done = chunks_done + 1, hash_count = hash_count + ?3, updated_at = ${NOW},
         state = CASE WHEN chunks_done + 1 = chunk_count THEN 'ready' ELSE state END
       WHERE id = ?1 AND chunks_done = ?2 AND state = 'ingesting' RETURNING id`,
    )
    .bind(id, index, rows)
    .first();
  // (meta.changes would count the rows of the totals trigger too)
  return r !== null;
}

export async function markDeleting(db: D1Database, id: number): Promise<void> {
  await db.prepare(`UPDATE tracks SET state = 'deleting' WHERE id = ?1`).bind(id).run();
}

/** Uploads with no write since `staleBefore` (ISO) and deletions that stopped half-way. */
export async function abandonedTracks(db: D1Database, staleBefore: string, limit: number): Promise<number[]> {
  const { results } = await db
    .prepare(`SELECT id FROM tracks WHERE state = 'deleting' OR (state = 'ingesting' AND COALESCE(updated_at, created_at) < ?1) ORDER BY id LIMIT ?2`)
    .bind(staleBefore, limit)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** Renews a lease its holder still holds; false when it lost it (it ran out and was taken). */
export async function renewIngestLease(db: D1Database, holder: string, ms: number): Promise<boolean> {
  const r = await db.prepare('UPDATE ingest_lease SET until = ?1 WHERE id = 1 AND holder = ?2 RETURNING id').bind(Date.now() + ms, holder).first();
  return r !== null;
}

export async function removeRow(db: D1Database, id: number): Promise<void> {
  await db.batch([deleteEnvelope(db, id), db.prepare('DELETE FROM tracks WHERE id = ?1').bind(id)]);
}

/** Takes the ingest lease for `ms` unless another holder's lease is still running. */
export async function takeIngestLease(db: D1Database, holder: string, ms: number): Promise<boolean> {
  const now = Date.now();
  const r = await db
    .prepare('UPDATE ingest_lease SET holder = ?1, until = ?2 WHERE id = 1 AND (holder IS NULL OR until < ?3) RETURNING id')
    .bind(holder, now + ms, now)
    .first();
  return r !== null;
}

export async function releaseIngestLease(db: D1Database, holder: string): Promise<void> {
  await db.prepare('UPDATE ingest_lease SET holder = NULL WHERE id = 1 AND holder = ?1').bind(holder).run();
}

/** What the artwork endpoints need of a track. */
export interface ArtworkRow {
  id: number;
  title: string;
  state: TrackRow['state'];
  artwork_hash: string | null;
  artwork_type: string | null;
}

export async function artworkRow(db: D1Database, id: number): Promise<ArtworkRow | null> {
  return db.prepare('SELECT id, title, state, artwork_hash, artwork_type FROM tracks WHERE id = ?1').bind(id).first<ArtworkRow>();
}

/**
 * Names the track's picture (null: none) if it is still ready and still names `expected`:
 * false when the track went or another upload changed its picture meanwhile.
 */
export async function swapArtwork(db: D1Database, id: number, expected: string | null, next: { hash: string; type: string } | null): Promise<boolean> {
  const r = await db
    .prepare(`UPDATE tracks SET artwork_hash = ?3, artwork_type = ?4 WHERE id = ?1 AND state = 'ready' AND artwork_hash IS ?2 RETURNING id`)
    .bind(id, expected, next?.hash ?? null, next?.type ?? null)
    .first();
  return r !== null;
}

export type { ListQuery };

export function listTracks(db: D1Database, query: ListQuery): Promise<{ tracks: TrackRecord[]; total: number }> {
  return listPage(db, QUALIFIED_COLUMNS, query);
}

/** Ready tracks carrying any of `isrcs` (normal form), in id order. */
export async function tracksByIsrc(db: D1Database, isrcs: string[]): Promise<TrackRecord[]> {
  if (isrcs.length === 0) return [];
  const rows = await db
    .prepare(`SELECT ${RECORD_COLUMNS} FROM tracks WHERE state = 'ready' AND isrc IN (SELECT value FROM json_each(?1)) ORDER BY id`)
    .bind(JSON.stringify(isrcs))
    .all<TrackRecord>();
  return rows.results;
}
