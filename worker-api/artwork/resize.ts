// A picture to a square of `size` pixels: the centre square cropped (covers are square; a
// wider scan loses its edges, not its shape), transparency laid on white (JPEG has none),
// then resampled with a triangle filter widened by the scale when shrinking, so every
// source pixel counts (area-like averaging, no aliasing); when enlarging a small picture it
// is plain bilinear. Separable: rows first, then columns.
import type { Pixels } from './codec';

interface Taps {
  /** First source index per output index. */
  start: Int32Array;
  /** Weights per output index, `width` each (zero-padded), summing to 1. */
  weights: Float32Array;
  width: number;
}

/** The filter taps taking `n` source samples (from `offset`) to `out`. */
function taps(n: number, out: number): Taps {
  const scale = n / out;
  const support = Math.max(1, scale);
  const width = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(out);
  const weights = new Float32Array(out * width);
  for (let o = 0; o < out; o++) {
    const centre = (o + 0.5) * scale;
    const lo = Math.max(0, Math.floor(centre - support));
    const hi = Math.min(n, Math.ceil(centre + support));
    start[o] = lo;
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      const w = Math.max(0, 1 - Math.abs((i + 0.5 - centre) / support));
      weights[o * width + i - lo] = w;
      sum += w;
    }
    for (let k = 0; k < width; k++) weights[o * width + k] /= sum;
  }
  return { start, weights, width };
}

/** The centre square of `src`, RGB on white, resampled to `size` × `size` RGBA (opaque). */
export function squareResize(src: Pixels, size: number): Pixels {
  const edge = Math.min(src.width, src.height);
  const x0 = (src.width - edge) >> 1;
  const y0 = (src.height - edge) >> 1;
  const t = taps(edge, size);
  // rows: every cropped source row to `size` columns, RGB as floats
  const mid = new Float32Array(edge * size * 3);
  const s = src.data;
  for (let y = 0; y < edge; y++) {
    const row = (y + y0) * src.width;
    for (let o = 0; o < size; o++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < t.width; k++) {
        const w = t.weights[o * t.width + k];
        if (w === 0) continue;
        const p = (row + x0 + t.start[o] + k) * 4;
        const a = s[p + 3] / 255;
        const white = 255 * (1 - a);
        r += w * (s[p] * a + white);
        g += w * (s[p + 1] * a + white);
        b += w * (s[p + 2] * a + white);
      }
      const m = (y * size + o) * 3;
      mid[m] = r;
      mid[m + 1] = g;
      mid[m + 2] = b;
    }
  }
  // columns
  const out = new Uint8ClampedArray(size * size * 4);
  for (let o = 0; o < size; o++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < t.width; k++) {
        const w = t.weights[o * t.width + k];
        if (w === 0) continue;
        const m = ((t.start[o] + k) * size + x) * 3;
        r += w * mid[m];
        g += w * mid[m + 1];
        b += w * mid[m + 2];
      }
      const q = (o * size + x) * 4;
      out[q] = r;
      out[q + 1] = g;
      out[q + 2] = b;
      out[q + 3] = 255;
    }
  }
  return { data: out, width: size, height: size };
}
