import { expect, it } from 'vitest';
import { backoffMs } from './sync';

it('backs off exponentially, with jitter between half and all of the ceiling, up to 5 minutes', () => {
  const low = () => 0;
  const high = () => 0.999999;
  expect(backoffMs(1, low)).toBe(1000);
  expect(backoffMs(1, high)).toBeCloseTo(2000, -1);
  expect(backoffMs(3, low)).toBe(4000);
  expect(backoffMs(3, high)).toBeCloseTo(8000, -1);
  expect(backoffMs(30, high)).toBeLessThanOrEqual(300_000);
  expect(backoffMs(30, low)).toBe(150_000);
  const spread = new Set(Array.from({ length: 20 }, () => backoffMs(2)));
  expect(spread.size).toBeGreaterThan(1);
});
