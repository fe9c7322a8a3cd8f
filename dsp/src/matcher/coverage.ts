// How much of two recordings one consistent alignment explains: the evidence behind the
// duplicate classes (common/similarity.ts). A lossy codec thins the hashes two copies
// share (a 24 kb/s Opus copy keeps a third of them) but leaves what remains aligned from
// end to end; an edit, an excerpt or a shared loop keeps them dense along part of a file only.
import type { HashBatch } from '../types';
import type { Postings } from './types';

/** Coverage is counted in segments of this many engine frames (~2 s). */
export const SEGMENT_FRAMES = 128;
/** A segment is covered when it holds this many aligned records (one can be chance). */
const MIN_ALIGNED = 2;

export interface Alignment {
  track: number;
  /** Track frame minus query frame, as the matcher's candidate gives it. */
  offset: number;
  hyp: number;
}

export interface Coverage {
  /** Share of the query's records (of the alignment's hypothesis) found aligned. */
  share: number;
  /** Share of the query's segments (those holding records enough) that hold aligned ones. */
  query: number;
  /** Share of the track's segments (`trackSegments`) that hold aligned postings. */
  track: number;
}

/**
 * `trackSegments`: the track's segments holding records (silence holds none), or its
 * length in segments when only that is known. `segment` grows when the records are a
 * thin sample (dedupe keeps 1 in 16 at 10k files), so a segment still holds enough.
 */
export function coverageOf(batch: HashBatch, postings: Postings, a: Alignment, trackSegments: number, segment = SEGMENT_FRAMES): Coverage {
  const where = new Map<number, number>();
  postings.hashes.forEach((h, i) => where.set(h, i));
  const held = new Map<number, number>();
  const alignedQ = new Map<number, number>();
  const alignedT = new Map<number, number>();
  let records = 0;
  let aligned = 0;
  for (let r = 0; r < batch.hash.length; r++) {
    if (batch.hyp[r] !== a.hyp) continue;
    records++;
    const sq = Math.floor(batch.t[r] / segment);
    held.set(sq, (held.get(sq) ?? 0) + 1);
    const i = where.get(batch.hash[r]);
    if (i === undefined) continue;
    for (let p = postings.start[i]; p < postings.start[i + 1]; p++) {
      if (postings.track[p] !== a.track || Math.abs(postings.t[p] - batch.t[r] - a.offset) > 1) continue;
      aligned++;
      alignedQ.set(sq, (alignedQ.get(sq) ?? 0) + 1);
      const st = Math.floor(postings.t[p] / segment);
      alignedT.set(st, (alignedT.get(st) ?? 0) + 1);
      break;
    }
  }
  const covered = (m: Map<number, number>) => [...m.values()].filter((n) => n >= MIN_ALIGNED).length;
  return {
    share: records ? aligned / records : 0,
    query: covered(held) ? Math.min(1, covered(alignedQ) / covered(held)) : 0,
    track: trackSegments > 0 ? Math.min(1, covered(alignedT) / trackSegments) : 0,
  };
}

/** Segments of `t` (engine frames) that hold records enough to be covered. */
export function segmentsHeld(t: Int32Array, segment = SEGMENT_FRAMES): number {
  const held = new Map<number, number>();
  for (const x of t) held.set(Math.floor(x / segment), (held.get(Math.floor(x / segment)) ?? 0) + 1);
  return [...held.values()].filter((n) => n >= MIN_ALIGNED).length;
}
