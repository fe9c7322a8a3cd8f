import { describe, expect, it } from 'vitest';
import { squareResize } from './resize';

function solid(width: number, height: number, rgba: (x: number, y: number) => [number, number, number, number]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(rgba(x, y), (y * width + x) * 4);
  return { data, width, height };
}
const at = (p: { data: Uint8ClampedArray; width: number }, x: number, y: number) => [...p.data.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 4)];

describe('squareResize', () => {
  it('keeps a flat colour flat, shrinking and enlarging', () => {
    for (const [w, size] of [[1000, 96], [97, 96], [100, 600], [3000, 300]]) {
      const out = squareResize(solid(w, w, () => [10, 200, 90, 255]), size);
      expect([out.width, out.height, out.data.length]).toEqual([size, size, size * size * 4]);
      for (const [x, y] of [[0, 0], [size - 1, size - 1], [size >> 1, 3]]) expect(at(out, x, y)).toEqual([10, 200, 90, 255]);
    }
  });

  it('averages every source pixel when shrinking: a one-pixel checkerboard becomes grey, not aliased', () => {
    const out = squareResize(solid(999, 999, (x, y) => ((x + y) % 2 ? [255, 255, 255, 255] : [0, 0, 0, 255])), 96);
    for (const [x, y] of [[10, 10], [50, 71], [95, 0]]) for (const c of at(out, x, y).slice(0, 3)) expect(Math.abs(c - 127.5)).toBeLessThan(3);
  });

  it('crops to the centre square and lays transparency on white', () => {
    // left and right thirds red, the centre third's square blue
    const wide = solid(300, 100, (x) => (x < 100 || x >= 200 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
    const out = squareResize(wide, 96);
    expect(at(out, 0, 48)).toEqual([0, 0, 255, 255]);
    expect(at(out, 95, 48)).toEqual([0, 0, 255, 255]);
    const half = squareResize(solid(100, 100, () => [0, 0, 0, 128]), 96);
    for (const c of at(half, 48, 48).slice(0, 3)) expect(Math.abs(c - 127)).toBeLessThanOrEqual(1);
    expect(at(half, 48, 48)[3]).toBe(255);
  });
});
