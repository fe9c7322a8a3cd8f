import { describe, expect, it } from 'vitest';
import { HASH_BITS, MemoryIndex } from '../../dsp/src/index';
import { FillerIndex } from './filler-index';

function track(n: number, seed: number) {
  // a loop: every hash occurs twice, 101 frames apart
  const hash = Uint32Array.from({ length: n }, (_, i) => ((i % (n / 2)) * 2654435761 + seed) % 2 ** HASH_BITS);
  const t = Int32Array.from({ length: n }, (_, i) => 2 * (i % (n / 2)) + (i >= n / 2 ? 101 : 0));
  return { hash, t, frames: n + 100 };
}

describe('FillerIndex', () => {
  const tracks = [track(20_000, 1), track(40_000, 7)];
  const memory = new MemoryIndex();
  tracks.forEach((x, i) => memory.add(i, x.hash, x.t, x.frames));
  const copies = 5_000;
  const index = new FillerIndex(memory, tracks, copies, tracks.length);
  const real = new Set([...tracks[0].hash, ...tracks[1].hash]);
  const queried = Uint32Array.from({ length: 4000 }, (_, i) => i * 16_000 + 3)
    .filter((h) => !real.has(h))
    .sort();

  it('adds the filler to the catalog size and meets each hash at the rate of its spread', () => {
    expect(index.size()).toEqual({ tracks: 2 + 2 * copies, frames: 20_100 * (copies + 1) + 40_100 * (copies + 1) });
    const p = index.lookup(queried);
    // distinct hashes 10k + 20k per copy, each met with every one of its 2 rows
    const expected = (2 * queried.length * copies * 30_000) / 2 ** HASH_BITS;
    expect(p.track.length).toBeGreaterThan(expected * 0.9);
    expect(p.track.length).toBeLessThan(expected * 1.1);
    for (let i = 0; i < p.track.length; i++) expect(p.track[i]).toBeGreaterThanOrEqual(2);
    // a loop stays a loop: rows of one filler hash come in pairs 101 frames apart
    for (let i = 0; i < p.track.length; i += 2) {
      expect(p.track[i + 1]).toBe(p.track[i]);
      expect(p.t[i + 1] - p.t[i]).toBe(101);
    }
  });

  it('meets a hash with the same filler every time, and keeps the real postings', () => {
    const a = index.lookup(queried);
    const b = index.lookup(queried);
    expect(Array.from(b.track)).toEqual(Array.from(a.track));
    expect(Array.from(b.t)).toEqual(Array.from(a.t));
    const own = Uint32Array.from([tracks[0].hash[5]]);
    const p = index.lookup(own);
    expect(Array.from(p.track.subarray(0, 2))).toEqual([0, 0]);
  });
});
