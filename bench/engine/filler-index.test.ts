import { describe, expect, it } from 'vitest';
import { defaultMatchOptions, HASH_BITS, MemoryIndex, STORED_BLOCK_BYTES } from '../../dsp/src/index';
import { DT_BITS } from '../../dsp/src/hash';
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

  it("gives a filler track a real track's envelope backwards, never one the question asks for", () => {
    const B = STORED_BLOCK_BYTES;
    const blocks = (seed: number) => Uint8Array.from({ length: B * 30 }, (_, i) => (i * 37 + seed) % 251);
    const stored = new MemoryIndex();
    tracks.forEach((x, i) => stored.add(i, x.hash, x.t, x.frames, blocks(i)));
    const filler = new FillerIndex(stored, tracks, 3, tracks.length);
    const reversed = (e: Uint8Array) => Uint8Array.from({ length: e.length }, (_, i) => e[(29 - Math.floor(i / B)) * B + (i % B)]);
    const got = filler.envelopes([0, 2, 3]);
    expect([...got.get(0)!]).toEqual([...blocks(0)]);
    // track 0 is asked for, so the fillers stand in with track 1, backwards (one each: the rest are taken)
    expect([...(got.get(2) ?? got.get(3))!]).toEqual([...reversed(blocks(1))]);
    expect(got.size).toBe(2);
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

  describe('spread as music is', () => {
    // the sources' rows: pitch pair 40 with time gap 10 is common, pitch pair 900 with gap 50 rare
    const pair = (pp: number, gap: number) => pp * 2 ** DT_BITS + gap;
    const common = pair(40, 10);
    const rare = pair(900, 50);
    const rows = (n: number, h: number, from: number) => ({ hash: new Uint32Array(n).fill(h), t: Int32Array.from({ length: n }, (_, i) => from + i), frames: n + from });
    const sources = [rows(999, common, 0), { ...rows(1, rare, 5_000), frames: 1_000 }];
    const musical = new FillerIndex(new MemoryIndex(), sources, 2_000, sources.length, 'music');
    const postings = (index: FillerIndex, h: number) => index.lookup(Uint32Array.from([h])).track.length;

    it('common where the real rows are common, and rare where they are rare', () => {
      // shares 0.999^2 and 0.001^2 of 2,000 copies x 2 distinct hashes, a group of 999 or 1 rows each
      expect(postings(musical, rare)).toBeLessThan(5);
      expect(postings(new FillerIndex(new MemoryIndex(), sources, 2_000, sources.length, 'uniform'), common)).toBe(0);
      // a common hash meets more rows than the stop-list lets through: the matcher skips it
      const n = postings(musical, common);
      expect(n).toBeGreaterThan(defaultMatchOptions.maxPostings);
      expect(n).toBeLessThan(defaultMatchOptions.maxPostings + 1_000);
    });

    it('a hash met in proportion to its pitch pair and its time gap apart', () => {
      // the pitch pair of the common hash at the rare gap: 0.999 x 0.001 of 4,000 groups, ~4
      const mixed = Array.from({ length: 200 }, (_, k) => postings(new FillerIndex(new MemoryIndex(), sources, 2_000, sources.length, 'music', k), pair(40, 50)) > 0);
      const met = mixed.filter(Boolean).length / mixed.length;
      expect(met).toBeGreaterThan(0.9);
    });
  });
});
