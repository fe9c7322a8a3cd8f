// A catalog grown with synthetic filler, to measure chance at catalog sizes a machine cannot
// hold in memory. Like `bench api`'s filler (real tracks' hash sets XORed with a random
// mask per filler track), a filler track is a real track's set of hashes moved to random
// places of the hash space: a looked-up hash meets it with probability distinct / 2^bits,
// and then meets every row of one of its hashes (so a loop inside a track stays a loop).
// Drawn from the looked-up hash itself, so a hash meets the same filler every time it is
// looked up (the matcher's passes look hashes up again).
import { HASH_BITS, MemoryIndex, type CatalogSize, type HashIndex, type Postings } from '../../dsp/src/index';

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
  // Knuth's method: means here are tens at most
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

export class FillerIndex implements HashIndex {
  private sources: Source[] = [];
  private cumulative: Float64Array = new Float64Array(0);
  private perHash = 0;
  private fillerFrames = 0;

  /** `copies` filler tracks per real track added to `base` (track ids from `firstId`). */
  constructor(
    private base: MemoryIndex,
    tracks: { hash: Uint32Array; t: Int32Array; frames: number }[],
    private copies: number,
    private firstId: number,
    private seed = 0x5eed,
  ) {
    this.sources = tracks.map((x) => sourceOf(x.hash, x.t, x.frames));
    let sum = 0;
    this.cumulative = Float64Array.from(this.sources, (s) => (sum += s.start.length - 1));
    this.perHash = (copies * sum) / 2 ** HASH_BITS;
    this.fillerFrames = copies * this.sources.reduce((s, x) => s + x.frames, 0);
  }

  lookup(hashes: Uint32Array): Postings {
    const real = this.base.lookup(hashes);
    const track: number[] = [];
    const t: number[] = [];
    const start = new Uint32Array(hashes.length + 1);
    const total = this.cumulative[this.cumulative.length - 1];
    for (let i = 0; i < hashes.length; i++) {
      start[i] = track.length;
      for (let p = real.start[i]; p < real.start[i + 1]; p++) {
        track.push(real.track[p]);
        t.push(real.t[p]);
      }
      const next = generator(hashes[i] ^ this.seed);
      for (let k = poisson(this.perHash, next); k > 0; k--) {
        // a source track in proportion to its distinct hashes, then one of its copies and one of its hashes
        const target = next() * total;
        let s = 0;
        while (this.cumulative[s] <= target) s++;
        const src = this.sources[s];
        const copy = Math.floor(next() * this.copies);
        const d = Math.floor(next() * (src.start.length - 1));
        for (let r = src.start[d]; r < src.start[d + 1]; r++) {
          track.push(this.firstId + copy * this.sources.length + s);
          t.push(src.t[r]);
        }
      }
    }
    start[hashes.length] = track.length;
    return { hashes, start, track: Int32Array.from(track), t: Int32Array.from(t) };
  }

  size(): CatalogSize {
    const real = this.base.size();
    return { tracks: real.tracks + this.copies * this.sources.length, frames: real.frames + this.fillerFrames };
  }
}
