import { describe, expect, it } from 'vitest';
import { supportOf, type Reading } from './support';

/** A reading of one hash per record, each with the given postings (track, t). */
function reading(records: { t: number; hyp?: number; postings: [track: number, t: number][] }[]): Reading {
  const hashes = Uint32Array.from(records, (_, i) => i + 1);
  const start = new Uint32Array(records.length + 1);
  const track: number[] = [];
  const t: number[] = [];
  records.forEach((r, i) => {
    for (const [tr, tt] of r.postings) {
      track.push(tr);
      t.push(tt);
    }
    start[i + 1] = track.length;
  });
  return {
    batch: { hash: hashes, t: Int32Array.from(records, (r) => r.t), hyp: Uint8Array.from(records, (r) => r.hyp ?? 0) },
    postings: { hashes, start, track: Int32Array.from(track), t: Int32Array.from(t) },
  };
}

describe("an envelope answer's support", () => {
  it("counts the query's anchors with a posting of the track near the offset, once each", () => {
    const r = reading([
      { t: 10, postings: [[7, 510], [3, 510]] },
      { t: 10, postings: [[7, 512]] },
      { t: 20, postings: [[7, 523]] },
      { t: 30, postings: [[7, 900]] },
      { t: 40, hyp: 2, postings: [[7, 540]] },
    ]);
    const s = supportOf([r], 7, 500, 10_000, 4);
    expect(s.anchors).toBe(2);
    // 4 postings of track 7 read as heard, 9 offsets each, over 10,000 frames
    const lambda = (4 * 9) / 10_000;
    expect(s.chance).toBeCloseTo(1 - Math.exp(-lambda) * (1 + lambda), 8);
  });

  it('is no support at all when the peaks are elsewhere, and weak when the track was read everywhere', () => {
    const elsewhere = reading(Array.from({ length: 20 }, (_, i) => ({ t: i * 10, postings: [[7, 3000 + i * 10]] as [number, number][] })));
    expect(supportOf([elsewhere], 7, 500, 10_000, 4)).toEqual({ anchors: 0, chance: 1 });
    const at = reading(Array.from({ length: 3 }, (_, i) => ({ t: i * 10, postings: [[7, 500 + i * 10]] as [number, number][] })));
    const busy = reading(Array.from({ length: 3000 }, (_, i) => ({ t: 1000 + i, postings: [[7, (i * 37) % 10_000]] as [number, number][] })));
    expect(supportOf([at], 7, 500, 10_000, 4).chance).toBeLessThan(1e-6);
    expect(supportOf([at, busy], 7, 500, 10_000, 4).chance).toBeGreaterThan(0.005);
  });
});
