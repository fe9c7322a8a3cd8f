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
 * The alignments of one query against the postings it read. Built once per query: the
 * postings by hash and the records by hypothesis are indexed once, however many candidates
 * are measured.
 */
export class Alignments {
  private where = new Map<number, number>();
  private byHyp = new Map<number, number[]>();

  constructor(
    private batch: HashBatch,
    private postings: Postings,
  ) {
    postings.hashes.forEach((h, i) => this.where.set(h, i));
    for (let r = 0; r < batch.hash.length; r++) {
      const list = this.byHyp.get(batch.hyp[r]);
      if (list) list.push(r);
      else this.byHyp.set(batch.hyp[r], [r]);
    }
  }

  /**
   * `trackSegments`: the track's segments holding records (silence holds none), or its
   * length in segments when only that is known. `segment` grows when the records are a
   * thin sample (dedupe keeps 1 in 16 at 10k files), so a segment still holds enough.
   */
  coverage(a: Alignment, trackSegments: number, segment = SEGMENT_FRAMES): Coverage {
    const { batch, postings } = this;
    const held = new Map<number, number>();
    const alignedQ = new Map<number, number>();
    const alignedT = new Map<number, number>();
    const records = this.byHyp.get(a.hyp) ?? [];
    let aligned = 0;
    for (const r of records) {
      const sq = Math.floor(batch.t[r] / segment);
      held.set(sq, (held.get(sq) ?? 0) + 1);
      const i = this.where.get(batch.hash[r]);
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
      share: records.length ? aligned / records.length : 0,
      query: covered(held) ? Math.min(1, covered(alignedQ) / covered(held)) : 0,
      track: trackSegments > 0 ? Math.min(1, covered(alignedT) / trackSegments) : 0,
    };
  }
}

/** Segments of `t` (engine frames) that hold records enough to be covered. */
export function segmentsHeld(t: Int32Array, segment = SEGMENT_FRAMES): number {
  const held = new Map<number, number>();
  for (const x of t) held.set(Math.floor(x / segment), (held.get(Math.floor(x / segment)) ?? 0) + 1);
  return [...held.values()].filter((n) => n >= MIN_ALIGNED).length;
}
