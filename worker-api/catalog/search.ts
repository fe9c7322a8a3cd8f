// Catalog search (GET /tracks?q=): a person's words against the FTS5 index of ready tracks'
// titles, artists and albums (migration 0011), and the text as an exact ISRC or external id.
// Every word must appear, each as a prefix, so "abb roa" finds "Abbey Road" while it is
// typed; each word is quoted, so nothing typed is FTS5 syntax (AND, NEAR, *, ^, column:).
import type { TrackRecord } from '../../common/api-types';

/** Words as FTS5's unicode61 tokenizer sees them: letters, digits and marks; the rest is a gap. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The MATCH expression for `text`, or null when it holds no word (only punctuation, say). */
export function wordQuery(text: string): string | null {
  const words = text.match(WORD);
  return words ? words.map((w) => `"${w}"*`).join(' ') : null;
}

/**
 * Up to this many matches are ordered by relevance (bm25: title weighs most, then artist,
 * then album); more (one common word in a 100k catalog matches tens of thousands) are listed
 * in id order, which FTS5 reads in order and stops early: scoring them all cost ~60 ms
 * (BENCHMARKS.md "Catalog search") for an order nobody reads past the first page of.
 */
export const RANKED_MAX = 2000;

export interface ListQuery {
  q?: string;
  isrc?: string;
  external_id?: string;
  limit: number;
  offset: number;
}

type Found = { tracks: TrackRecord[]; total: number };

/**
 * Ready tracks, a page of them: with `q`, exact ISRC or external id matches first (id order),
 * then the words' matches; without it (or under an ISRC or external id filter), id order.
 */
export async function listTracks(db: D1Database, columns: string, query: ListQuery): Promise<Found> {
  const words = query.q === undefined ? null : wordQuery(query.q);
  if (query.q === undefined || query.isrc !== undefined || query.external_id !== undefined) return inIdOrder(db, columns, query, words);
  const matches = words ? 'SELECT rowid FROM tracks_fts WHERE tracks_fts MATCH ?2' : 'SELECT NULL WHERE 0';
  const [exactRows, counted] = await db.batch([
    db
      .prepare(`SELECT ${columns}, t.id IN (${matches}) AS worded FROM tracks t WHERE t.state = 'ready' AND (t.isrc = ?1 OR t.external_id = ?1) ORDER BY t.id`)
      .bind(query.q, ...(words ? [words] : [])),
    db.prepare(words ? 'SELECT COUNT(*) AS n FROM tracks_fts WHERE tracks_fts MATCH ?1' : 'SELECT 0 AS n').bind(...(words ? [words] : [])),
  ]);
  const exact = exactRows.results as (TrackRecord & { worded: number })[];
  const wordCount = (counted.results[0] as { n: number }).n;
  const total = wordCount + exact.filter((r) => !r.worded).length;
  const page = exact.slice(query.offset, query.offset + query.limit).map(({ worded: _, ...r }) => r as TrackRecord);
  const room = query.limit - page.length;
  if (!words || room === 0) return { tracks: page, total };
  // the word matches after the exact ones; a track found both ways is listed once (the page
  // may then start one row late: an ISRC that is also a word of its own title)
  const skip = new Set(exact.map((r) => r.id));
  const score = wordCount <= RANKED_MAX ? 'bm25(tracks_fts, 4, 2, 1)' : '0';
  const rows = await db
    .prepare(
      `SELECT ${columns} FROM (SELECT rowid AS id, ${score} AS s FROM tracks_fts WHERE tracks_fts MATCH ?1 ORDER BY s, rowid LIMIT ?2 OFFSET ?3) f
       JOIN tracks t ON t.id = f.id ORDER BY f.s, f.id`,
    )
    .bind(words, room + skip.size, Math.max(0, query.offset - exact.length))
    .all<TrackRecord>();
  return { tracks: [...page, ...rows.results.filter((r) => !skip.has(r.id)).slice(0, room)], total };
}

/** The catalog in id order; with an ISRC or external id filter the rows are few, so `q` tests each. */
async function inIdOrder(db: D1Database, columns: string, query: ListQuery, words: string | null): Promise<Found> {
  const asked = query.q === undefined ? '' : ` AND (t.isrc = ?3 OR t.external_id = ?3${words ? ' OR t.id IN (SELECT rowid FROM tracks_fts WHERE tracks_fts MATCH ?4)' : ''})`;
  const where = `t.state = 'ready' AND (?1 IS NULL OR t.isrc = ?1) AND (?2 IS NULL OR t.external_id = ?2)${asked}`;
  const args = [query.isrc ?? null, query.external_id ?? null, ...(query.q === undefined ? [] : [query.q]), ...(words ? [words] : [])];
  const n = args.length;
  const [rows, count] = await db.batch([
    db.prepare(`SELECT ${columns} FROM tracks t WHERE ${where} ORDER BY t.id LIMIT ?${n + 1} OFFSET ?${n + 2}`).bind(...args, query.limit, query.offset),
    db.prepare(`SELECT COUNT(*) AS total FROM tracks t WHERE ${where}`).bind(...args),
  ]);
  return { tracks: rows.results as TrackRecord[], total: (count.results[0] as { total: number }).total };
}
