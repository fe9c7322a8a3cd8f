import { describe, expect, it } from 'vitest';
import { afterLooks, tailConfidence } from './confidence';

/** A chance sample: `counts[s]` blocks whose best score is s. */
const sample = (counts: Record<number, number>) => {
  const top = Math.max(...Object.keys(counts).map(Number));
  return Array.from({ length: top + 1 }, (_, s) => counts[s] ?? 0);
};

describe('the empirical tail', () => {
  it('reads tied ranks as the many blocks they are (half-bin cells tie them)', () => {
    // 2nd to 10th best all at 6: a rank reading put 10 votes at 0.997 (2 x 5^-4 expected)
    const tied = sample({ 6: 12, 5: 40, 0: 1000 });
    const c = tailConfidence(10, tied)!;
    expect(c).toBeLessThan(0.995);
    // 12 blocks reach 6, 52 reach 5: each vote past 6 is 52/12 times rarer
    expect(c).toBeCloseTo(Math.exp(-12 * (12 / 52) ** 4), 12);
  });

  it('is the rank reading where no ranks tie', () => {
    // 2nd best 9, 10th best 5, reached by exactly 2 and 10 blocks
    const plain = sample({ 10: 1, 9: 1, 7: 3, 5: 5, 2: 30, 0: 500 });
    expect(tailConfidence(15, plain)).toBeCloseTo(Math.exp(-2 * Math.exp((-Math.log(5) / 4) * 6)), 12);
  });

  it('is never steeper than k2/k1 a vote, where the only step is from no votes to one', () => {
    const sparse = sample({ 1: 8, 0: 5000 });
    expect(tailConfidence(8, sparse)).toBeCloseTo(Math.exp(-8 * 5 ** -7), 12);
  });

  it('falls back to k2/k1 a vote from the k1-th block when every block ties (nothing shared)', () => {
    expect(tailConfidence(8, sample({ 0: 300 }))).toBeCloseTo(Math.exp(-2 * 5 ** -8), 12);
  });

  it('has no sample below k2 blocks', () => {
    expect(tailConfidence(8, sample({ 3: 2, 0: 7 }))).toBeNull();
  });
});

describe('an answer after several looks', () => {
  it('multiplies the chance by the looks, and never goes below zero', () => {
    expect(afterLooks(0.999, 1)).toBe(0.999);
    expect(afterLooks(0.999, 15)).toBeCloseTo(0.985, 12);
    expect(afterLooks(0.9, 15)).toBe(0);
  });
});
