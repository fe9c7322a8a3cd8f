import { describe, expect, it } from 'vitest';
import { cutAt, type Regions } from './cuts';

describe('cutAt', () => {
  it('spreads clips over the track and keeps them inside it', () => {
    const starts = Array.from({ length: 200 }, (_, q) => cutAt(300, q, 5));
    for (const s of starts) expect(s >= 0 && s + 5 <= 300).toBe(true);
    expect(Math.min(...starts)).toBeLessThan(30);
    expect(Math.max(...starts)).toBeGreaterThan(260);
  });

  it('never cuts into shared audio, wherever the spread would', () => {
    const shared: Regions = [[0, 50], [65, 70], [262.5, 292.5], [295, 315]];
    for (let q = 0; q < 500; q++) {
      const s = cutAt(320, q, 5, shared);
      expect(shared.some(([a, b]) => s < b && s + 5 > a)).toBe(false);
      expect(s + 5).toBeLessThanOrEqual(320);
    }
  });

  it('says so when no clip fits between the shared regions', () => {
    expect(() => cutAt(40, 3, 5, [[0, 40]])).toThrow(/clear of its shared audio/);
  });
});
