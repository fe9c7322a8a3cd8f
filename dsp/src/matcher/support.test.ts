import { describe, expect, it } from 'vitest';
import { logPoissonTail } from './confidence';
import { negativeBinomialTail, recordingConfidence, supportOf, type Reading } from './support';

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

const AROUND = { before: 4, after: 4 };

describe("an envelope answer's support", () => {
  it("counts the query's anchors with a posting of the track near the offset, once each", () => {
    const r = reading([
      { t: 10, postings: [[7, 510], [3, 510]] },
      { t: 10, postings: [[7, 512]] },
      { t: 20, postings: [[7, 523]] },
      { t: 30, postings: [[7, 900]] },
      { t: 40, hyp: 2, postings: [[7, 540]] },
    ]);
    const s = supportOf([r], 7, 500, 10_000, AROUND, 1);
    expect(s.anchors).toBe(2);
    // 4 postings of track 7 read as heard, 9 offsets each, over 10,000 frames
    const lambda = (4 * 9) / 10_000;
    expect(s.chance).toBeCloseTo(1 - Math.exp(-lambda) * (1 + lambda), 8);
  });

  it('counts the anchors a room leaves after the offset in a window that reaches further after it', () => {
    // a room's envelope offset comes out early: the recording's anchors lie at +3, +5 and +6
    const r = reading([
      { t: 10, postings: [[7, 515]] },
      { t: 20, postings: [[7, 526]] },
      { t: 30, postings: [[7, 536]] },
      { t: 40, postings: [[7, 543]] },
    ]);
    expect(supportOf([r], 7, 500, 10_000, AROUND, 1).anchors).toBe(1);
    const late = supportOf([r], 7, 500, 10_000, { before: 4, after: 6 }, 1);
    expect(late.anchors).toBe(4);
    // a wider window is a wider chance: 4 postings, 11 offsets each
    const lambda = (4 * 11) / 10_000;
    expect(late.chance).toBeCloseTo(Math.exp(logPoissonTail(4, lambda)), 12);
  });

  it('is no support at all when the peaks are elsewhere, and weak when the track was read everywhere', () => {
    const elsewhere = reading(Array.from({ length: 20 }, (_, i) => ({ t: i * 10, postings: [[7, 3000 + i * 10]] as [number, number][] })));
    expect(supportOf([elsewhere], 7, 500, 10_000, AROUND, 1)).toEqual({ anchors: 0, chance: 1, near: 1 });
    const at = reading(Array.from({ length: 3 }, (_, i) => ({ t: i * 10, postings: [[7, 500 + i * 10]] as [number, number][] })));
    const busy = reading(Array.from({ length: 3000 }, (_, i) => ({ t: 1000 + i, postings: [[7, (i * 37) % 10_000]] as [number, number][] })));
    expect(supportOf([at], 7, 500, 10_000, AROUND, 1).chance).toBeLessThan(1e-6);
    expect(supportOf([at, busy], 7, 500, 10_000, AROUND, 1).chance).toBeGreaterThan(0.005);
  });
});

describe("the passage around an envelope answer's offset", () => {
  it('weighs the anchors there against the windows around it, not the whole track', () => {
    // 9 anchors at the offset; 4-6 in each window of the 2.9 s around it; none elsewhere
    const at = Array.from({ length: 9 }, (_, i) => ({ t: i * 10, postings: [[7, 500 + i * 10]] as [number, number][] }));
    const passage = Array.from({ length: 36 }, (_, w) => w).flatMap((w) => {
      const k = w < 18 ? -(w + 2) : w - 16;
      return Array.from({ length: 4 + (w % 3) }, (_, j) => ({ t: 200 + w * 10 + j, postings: [[7, 200 + w * 10 + j + 500 + k * 9]] as [number, number][] }));
    });
    const s = supportOf([reading([...at, ...passage])], 7, 500, 100_000, AROUND, 1);
    expect(s.anchors).toBe(9);
    // spread evenly over the track, the passage's 180 anchors make 9 at the offset rare
    expect(s.chance).toBeLessThan(1e-3);
    expect(s.near).toBeGreaterThan(0.05);
  });

  it("widens the passage's rate by the inflation asked, keeping its spread's shape", () => {
    const at = Array.from({ length: 6 }, (_, i) => ({ t: i * 10, postings: [[7, 500 + i * 10]] as [number, number][] }));
    const around = Array.from({ length: 12 }, (_, w) => ({ t: 300 + w, postings: [[7, 300 + w + 500 + (w + 2) * 9]] as [number, number][] }));
    const r = [reading([...at, ...around])];
    const plain = supportOf(r, 7, 500, 10_000, AROUND, 1);
    const widened = supportOf(r, 7, 500, 10_000, AROUND, 4);
    expect(widened.chance).toBe(plain.chance);
    expect(widened.near).toBeGreaterThan(100 * plain.near);
  });
});

describe('the negative binomial tail', () => {
  it('is the Poisson tail without over-dispersion, and heavier with it', () => {
    expect(negativeBinomialTail(3, 0.5, 0.5)).toBeCloseTo(Math.exp(logPoissonTail(3, 0.5)), 12);
    expect(negativeBinomialTail(0, 0.5, 2)).toBe(1);
    expect(negativeBinomialTail(6, 0.5, 2)).toBeGreaterThan(50 * Math.exp(logPoissonTail(6, 0.5)));
  });

  it('sums to the pmf: P(X >= 1) = 1 - P(0) = 1 - q^size', () => {
    const [mean, variance] = [0.8, 2];
    const size = (mean * mean) / (variance - mean);
    expect(negativeBinomialTail(1, mean, variance)).toBeCloseTo(1 - (mean / variance) ** size, 10);
  });
});

describe("an envelope answer's confidence in the recording", () => {
  it('names another version of the track only as surely as its support says', () => {
    expect(recordingConfidence(0.99999, { anchors: 1, chance: 0.3, near: 0.3 })).toBeCloseTo(0.7, 10);
  });

  it("answers as the envelope alone did when the envelope is sure, whatever the passage's anchors", () => {
    expect(recordingConfidence(0.9995, { anchors: 6, chance: 1e-4, near: 0.5 })).toBeCloseTo(0.9995, 10);
  });

  it("adds the support's evidence to an envelope unsure among its candidates (both chance for another track)", () => {
    const confidence = recordingConfidence(0.9, { anchors: 12, chance: 1e-6, near: 1e-5 });
    expect(confidence).toBeGreaterThan(0.995);
    // Fisher's combination of P 0.1 and the passage's 1e-5, over the track's own 1e-6
    expect(1 - confidence).toBeCloseTo(1e-6 * (1 - Math.log(1e-6)), 9);
    expect(recordingConfidence(0.9, { anchors: 3, chance: 0.01, near: 0.01 })).toBeLessThan(0.995);
  });

  it('does not let a passage that resembles the query lend the envelope its anchors', () => {
    // rare for the track, as many as the passage around gives
    expect(recordingConfidence(0.9, { anchors: 16, chance: 2e-4, near: 0.02 })).toBeLessThan(0.99);
  });
});
