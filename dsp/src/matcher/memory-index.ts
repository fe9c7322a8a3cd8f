// In-process hash index: rows sorted by hash in flat typed arrays (CSR). Serves the
// benchmarks, `earshot dedupe` and tests; the API implements HashIndex over D1 instead.
import type { CatalogSize, HashIndex, Postings } from './types';

export class MemoryIndex implements HashIndex {
  private pending: { hash: Uint32Array; track: number; t: Int32Array }[] = [];
  private keys = new Uint32Array(0);
  private start = new Uint32Array(1);
  private tracks = new Int32Array(0);
  private times = new Int32Array(0);
  private trackCount = 0;
  private frames = 0;
  private readonly stored = new Map<number, Uint8Array>();

  /**
   * Adds one track's index-side hashes; `frames` is its length on the engine's time axis,
   * `envelope` its stored band envelope (dsp/src/envelope), where it has one.
   */
  add(track: number, hash: Uint32Array, t: Int32Array, frames: number, envelope?: Uint8Array): void {
    this.pending.push({ hash, track, t });
    if (envelope) this.stored.set(track, envelope);
    this.trackCount++;
    this.frames += frames;
  }

  get rows(): number {
    return this.times.length + this.pending.reduce((s, p) => s + p.hash.length, 0);
  }

  private build(): void {
    if (this.pending.length === 0) return;
    const n = this.rows;
    const hash = new Uint32Array(n);
    const track = new Int32Array(n);
    const t = new Int32Array(n);
    // existing rows first, then the pending ones
    let o = 0;
    for (let i = 0; i < this.keys.length; i++) {
      for (let j = this.start[i]; j < this.start[i + 1]; j++) {
        hash[o] = this.keys[i];
        track[o] = this.tracks[j];
        t[o] = this.times[j];
        o++;
      }
    }
    for (const p of this.pending) {
      hash.set(p.hash, o);
      track.fill(p.track, o, o + p.hash.length);
      t.set(p.t, o);
      o += p.hash.length;
    }
    this.pending = [];
    // sort row ids by hash (hash < 2^26 and row < 2^26 fit a double exactly)
    const order = new Float64Array(n);
    for (let i = 0; i < n; i++) order[i] = hash[i] * 67108864 + i;
    order.sort();
    const keys: number[] = [];
    const starts: number[] = [];
    this.tracks = new Int32Array(n);
    this.times = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const row = order[i] % 67108864;
      const h = hash[row];
      if (keys.length === 0 || keys[keys.length - 1] !== h) {
        keys.push(h);
        starts.push(i);
      }
      this.tracks[i] = track[row];
      this.times[i] = t[row];
    }
    starts.push(n);
    this.keys = Uint32Array.from(keys);
    this.start = Uint32Array.from(starts);
  }

  lookup(hashes: Uint32Array): Postings {
    this.build();
    const start = new Uint32Array(hashes.length + 1);
    const ranges: number[] = [];
    let total = 0;
    for (let i = 0; i < hashes.length; i++) {
      const k = lowerBound(this.keys, hashes[i]);
      start[i] = total;
      if (k < this.keys.length && this.keys[k] === hashes[i]) {
        ranges.push(this.start[k], this.start[k + 1]);
        total += this.start[k + 1] - this.start[k];
      } else {
        ranges.push(0, 0);
      }
    }
    start[hashes.length] = total;
    const track = new Int32Array(total);
    const t = new Int32Array(total);
    let o = 0;
    for (let i = 0; i < ranges.length; i += 2) {
      track.set(this.tracks.subarray(ranges[i], ranges[i + 1]), o);
      t.set(this.times.subarray(ranges[i], ranges[i + 1]), o);
      o += ranges[i + 1] - ranges[i];
    }
    return { hashes, start, track, t };
  }

  size(): CatalogSize {
    return { tracks: this.trackCount, frames: this.frames };
  }

  envelopes(tracks: number[]): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    for (const t of tracks) {
      const e = this.stored.get(t);
      if (e) out.set(t, e);
    }
    return out;
  }
}

function lowerBound(a: Uint32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
