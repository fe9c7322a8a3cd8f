// Who has voted in which (track, hypothesis, offset) cell. A cell counts each query anchor
// once (its pairs and fuzz variants are one piece of evidence) and each pitch pair
// (f1, f2 - f1) once (a repeated figure or a held chord is one coincidence, not many:
// chance matches between tracks in the same key are made of exactly these).
//
// A query reads some 20-35k postings at 10k tracks, each a vote to admit: this is the
// matcher's hot loop. Cells are integers up to 2^53, which a Map hashes slowly, so the
// first voter of each cell sits in an open-addressing table of typed arrays; only cells
// with several voters (few) keep a list.

import { PITCH_PAIR_BITS } from '../hash';

const EMPTY = -1;
/** A tag holds the anchor time above the pitch pair. */
const TAG_PREFIX = 2 ** PITCH_PAIR_BITS;

export class Ballot {
  private readonly cells: Float64Array;
  private readonly tags: Float64Array;
  private readonly mask: number;
  private readonly more = new Map<number, number[]>();

  /** `votes`: an upper bound on the votes offered (the table stays at most half full). */
  constructor(votes: number) {
    let size = 1024;
    while (size < 2 * votes) size *= 2;
    this.cells = new Float64Array(size).fill(EMPTY);
    this.tags = new Float64Array(size);
    this.mask = size - 1;
  }

  /** Whether a vote by anchor time `tq` with pitch pair `prefix` (hash.ts pitchPair) counts in `cell` (>= 0). */
  admit(cell: number, tq: number, prefix: number): boolean {
    const tag = tq * TAG_PREFIX + prefix;
    let h = Math.imul((cell >>> 0) ^ Math.imul(Math.floor(cell / 4294967296), 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & this.mask;
    for (;;) {
      const c = this.cells[h];
      if (c === EMPTY) {
        this.cells[h] = cell;
        this.tags[h] = tag;
        return true;
      }
      if (c === cell) break;
      h = (h + 1) & this.mask;
    }
    if (clash(this.tags[h], tq, prefix)) return false;
    const list = this.more.get(cell);
    if (!list) {
      this.more.set(cell, [tag]);
      return true;
    }
    for (const g of list) if (clash(g, tq, prefix)) return false;
    list.push(tag);
    return true;
  }
}

function clash(tag: number, tq: number, prefix: number): boolean {
  const p = tag % TAG_PREFIX;
  return p === prefix || (tag - p) / TAG_PREFIX === tq;
}
