// A catalog grown with synthetic filler, to measure chance at catalog sizes a machine cannot
// hold in memory. Like `bench api`'s filler (real tracks' hash sets XORed with a random
// mask per filler track), a filler track is a real track's set of hashes moved to other
// places of the hash space: a looked-up hash meets it at the rate its value has in the
// catalog, and then meets every row of one of its hashes (so a loop inside a track stays a
// loop). Drawn from the looked-up hash itself, so a hash meets the same filler every time
// it is looked up (the matcher's passes look hashes up again).
//
// Where the hashes land: `uniform` spreads them over every value alike (as `bench api`
// does), which makes a query hash meet ~1/300 of what a catalog of music gives it (docs/
// scale.md); `music` spreads them as the real tracks' rows are spread, a pitch pair's share
// times a time gap's share (within 1.5x of the real postings of unindexed clips' hashes at
// the median, p90 and p99: docs/scale.md), so the common hashes are common.
import { defaultMatchOptions, HASH_BITS, MemoryIndex, pitchPair, STORED_BLOCK_BYTES, storedBlocks, timeGap, type CatalogSize, type HashIndex, type Postings } from '../../dsp/src/index';
import { DT_BITS, PITCH_PAIR_BITS } from '../../dsp/src/hash';

interface Source {
  /** Distinct hashes' rows as CSR: times of the k-th distinct hash are t[start[k]..start[k+1]). */
  start: Uint32Array;
  t: Int32Array;
  frames: number;
}

function sourceOf(hash: Uint32Array, t: Int32Array, frames: number): Source {
  const order = Array.from(hash.keys()).sort((a, b) => hash[a] - hash[b] || t[a] - t[b]);
  const start: number[] = [];
  const times = new Int32Array(order.length);
  order.forEach((row, i) => {
    if (i === 0 || hash[row] !== hash[order[i - 1]]) start.push(i);
    times[i] = t[row];
  });
  start.push(order.length);
  return { start: Uint32Array.from(start), t: times, frames };
}

/** A 32-bit generator (mulberry32) seeded by the hash. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(mean: number, next: () => number): number {
  if (mean > 30) {
    // a normal approximation (Knuth's product underflows past ~700): Box-Muller
    const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  // Knuth's method
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

export type Spread = 'uniform' | 'music';

/** A hash value's share of the filler's distinct hashes. */
type Share = (hash: number) => number;

/** The real rows' spread: a pitch pair's share times a time gap's share. */
function musicShare(tracks: { hash: Uint32Array }[]): Share {
  const pairs = new Float64Array(2 ** PITCH_PAIR_BITS);
  const gaps = new Float64Array(2 ** DT_BITS);
  let rows = 0;
  for (const x of tracks) {
    for (const h of x.hash) {
      pairs[pitchPair(h)]++;
      gaps[timeGap(h)]++;
    }
    rows += x.hash.length;
  }
  return (h) => (pairs[pitchPair(h)] / rows) * (gaps[timeGap(h)] / rows);
}

/** Rows past this are skipped by the matcher anyway: a hash's filler stops there. */
const STOP = defaultMatchOptions.maxPostings;

/** The first index whose cumulative count is above `target` (binary search). */
function firstAbove(cumulative: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Postings rows grown in typed arrays: a 100k-track lookup makes tens of millions. */
class Rows {
  track: Int32Array;
  t: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.track = new Int32Array(Math.max(16, capacity));
    this.t = new Int32Array(this.track.length);
  }
  push(track: number, t: number): void {
    if (this.length === this.track.length) {
      const grown = this.track.length * 2;
      const track = new Int32Array(grown);
      track.set(this.track);
      const times = new Int32Array(grown);
      times.set(this.t);
      this.track = track;
      this.t = times;
    }
    this.track[this.length] = track;
    this.t[this.length++] = t;
  }
}

/** A stored envelope with its blocks in reverse order: a real track's levels and spectrum, with a contour no track has. */
export function backwards(e: Uint8Array): Uint8Array {
  const out = new Uint8Array(e.length);
  const blocks = storedBlocks(e.length);
  for (let k = 0; k < blocks; k++) out.set(e.subarray(k * STORED_BLOCK_BYTES, (k + 1) * STORED_BLOCK_BYTES), (blocks - 1 - k) * STORED_BLOCK_BYTES);
  return out;
}

export class FillerIndex implements HashIndex {
  private sources: Source[] = [];
  private cumulative: Float64Array = new Float64Array(0);
  private distinct = 0;
  private share: Share;
  private fillerFrames = 0;

  /** `copies` filler tracks per real track added to `base` (track ids from `firstId`). */
  constructor(
    private base: MemoryIndex,
    tracks: { hash: Uint32Array; t: Int32Array; frames: number }[],
    private copies: number,
    private firstId: number,
    spread: Spread = 'uniform',
    private seed = 0x5eed,
  ) {
    this.sources = tracks.map((x) => sourceOf(x.hash, x.t, x.frames));
    let sum = 0;
    this.cumulative = Float64Array.from(this.sources, (s) => (sum += s.start.length - 1));
    this.distinct = sum;
    this.share = spread === 'music' ? musicShare(tracks) : () => 2 ** -HASH_BITS;
    this.fillerFrames = copies * this.sources.reduce((s, x) => s + x.frames, 0);
  }

  lookup(hashes: Uint32Array): Postings {
    const real = this.base.lookup(hashes);
    const out = new Rows(real.track.length * 2 + hashes.length * 16);
    const start = new Uint32Array(hashes.length + 1);
    const total = this.cumulative[this.cumulative.length - 1];
    for (let i = 0; i < hashes.length; i++) {
      start[i] = out.length;
      for (let p = real.start[i]; p < real.start[i + 1]; p++) out.push(real.track[p], real.t[p]);
      const next = generator(hashes[i] ^ this.seed);
      const filler = out.length;
      for (let k = poisson(this.copies * this.distinct * this.share(hashes[i]), next); k > 0 && out.length - filler <= STOP; k--) {
        // a source track in proportion to its distinct hashes, then one of its copies and one of its hashes
        const s = firstAbove(this.cumulative, next() * total);
        const src = this.sources[s];
        const copy = Math.floor(next() * this.copies);
        const d = Math.floor(next() * (src.start.length - 1));
        const id = this.firstId + copy * this.sources.length + s;
        for (let r = src.start[d]; r < src.start[d + 1]; r++) out.push(id, src.t[r]);
      }
    }
    start[hashes.length] = out.length;
    return { hashes, start, track: out.track.subarray(0, out.length), t: out.t.subarray(0, out.length) };
  }

  /**
   * Filler tracks have no audio: each asked for gets the envelope of a real track that is
   * not asked for (picked from its id), played backwards: a real track's levels and
   * spectrum with a contour no track here has. (Forwards, a filler could carry the very
   * song the query is of when that song is not among the candidates, and name it.)
   */
  envelopes(tracks: number[]): Map<number, Uint8Array> {
    const n = this.sources.length;
    const real = tracks.filter((t) => t < this.firstId);
    const out = this.base.envelopes(real);
    const taken = new Set(real);
    for (const id of tracks) {
      if (id < this.firstId) continue;
      let pick = generator(id ^ this.seed)() * n;
      for (let k = 0; k < n && taken.has(Math.floor(pick) % n); k++) pick++;
      const src = Math.floor(pick) % n;
      if (taken.has(src)) continue;
      taken.add(src);
      const e = this.base.envelopes([src]).get(src);
      if (e) out.set(id, backwards(e));
    }
    return out;
  }

  size(): CatalogSize {
    const real = this.base.size();
    return { tracks: real.tracks + this.copies * this.sources.length, frames: real.frames + this.fillerFrames };
  }
}
