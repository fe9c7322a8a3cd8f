import { describe, expect, it } from 'vitest';
import { FLOOR_DB, follow, levelFraction } from './level';

describe('levelFraction', () => {
  it('maps the floor..0 dBFS span onto 0..1, clamped, silence included', () => {
    expect(levelFraction(FLOOR_DB / 2)).toBeCloseTo(0.5);
    expect(levelFraction(0)).toBe(1);
    expect(levelFraction(6)).toBe(1);
    expect(levelFraction(FLOOR_DB - 10)).toBe(0);
    expect(levelFraction(-Infinity)).toBe(0);
    expect(levelFraction(NaN)).toBe(0);
  });
});

describe('follow', () => {
  it('rises faster than it falls', () => {
    const up = follow(0, 1, 50);
    const down = 1 - follow(1, 0, 50);
    expect(up).toBeGreaterThan(0.6);
    expect(down).toBeLessThan(0.2);
    expect(down).toBeGreaterThan(0);
  });
  it('converges on the target and never overshoots it', () => {
    let shown = 0;
    for (let i = 0; i < 120; i++) {
      shown = follow(shown, 0.8, 16);
      expect(shown).toBeLessThanOrEqual(0.8);
    }
    expect(shown).toBeCloseTo(0.8, 3);
  });
  it('stands still when no time passed', () => {
    expect(follow(0.3, 1, 0)).toBeCloseTo(0.3, 12);
    expect(follow(0.3, 1, -5)).toBeCloseTo(0.3, 12);
  });
});
