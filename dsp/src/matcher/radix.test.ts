import { describe, expect, it } from 'vitest';
import { sortCells } from './radix';

function randomKeys(n: number, max: number, seed: number): Float64Array {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  // keys with repeats, as votes for one cell are
  return Float64Array.from({ length: n }, () => Math.floor(rand() * rand() * max));
}

describe('sortCells', () => {
  for (const [n, max] of [[100, 1e6], [5000, 2 ** 32], [30000, 2 ** 40], [30000, 2 ** 53], [70000, 2 ** 41], [70000, 2 ** 53], [4096, 7]] as const) {
    it(`sorts ${n} keys below ${max} like a comparison sort`, () => {
      const keys = randomKeys(n, max, n);
      const expected = keys.slice().sort();
      sortCells(keys, n);
      expect(keys).toEqual(expected);
    });
  }

  it('sorts only the first n keys', () => {
    const keys = Float64Array.from([5e12, 3, 9e9, 1, 2, 0]);
    const big = new Float64Array(2000).map((_, i) => 2000 - i);
    sortCells(keys, 4);
    expect([...keys]).toEqual([1, 3, 9e9, 5e12, 2, 0]);
    sortCells(big, 1500);
    expect(big[0]).toBe(501);
    expect(big[1499]).toBe(2000);
    expect(big[1500]).toBe(500);
  });

  it('moves the payload with its key and keeps equal keys in their order', () => {
    for (const n of [300, 20000, 70000]) {
      const keys = randomKeys(n, 2 ** 45, 7 + n);
      for (let i = 0; i < n; i += 3) keys[i] = keys[(i * 7) % n]; // more repeats
      const payload = Uint32Array.from({ length: n }, (_, i) => i);
      const expected = [...keys].map((k, i) => [k, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      sortCells(keys, n, payload);
      expect([...keys]).toEqual(expected.map((e) => e[0]));
      expect([...payload]).toEqual(expected.map((e) => e[1]));
    }
  });
});
