// A cover picture per demo song, drawn from its seed: a gradient between two hues, soft
// discs and a sine wave (the songs are oscillators). Same seed, same bytes.
import { rng } from '../../dsp/testing/index';
import { encodePng } from './png';

export const COVER_EDGE = 800;

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return [f(0), f(8), f(4)];
}

/** The cover of the song `seed` as PNG bytes, COVER_EDGE px square. */
export function coverPng(seed: number): Uint8Array {
  const next = rng(seed * 7919 + 1);
  for (let i = 0; i < 4; i++) next(); // xorshift's first outputs from a small seed are tiny
  const hue = next() * 360;
  const top = hsl(hue, 0.55, 0.3);
  const bottom = hsl((hue + 40 + next() * 80) % 360, 0.6, 0.55);
  const discs = Array.from({ length: 3 + Math.floor(next() * 4) }, () => ({
    x: next() * COVER_EDGE,
    y: next() * COVER_EDGE,
    r: 60 + next() * 200,
    colour: hsl((hue + 180 + next() * 60) % 360, 0.7, 0.6),
    alpha: 0.35 + next() * 0.4,
  }));
  const wave = { cycles: 1 + Math.floor(next() * 4), phase: next() * 2 * Math.PI, amp: 40 + next() * 120, y: COVER_EDGE * (0.35 + next() * 0.3) };
  const n = COVER_EDGE;
  const rgb = new Uint8Array(n * n * 3);
  for (let y = 0; y < n; y++) {
    const t = y / (n - 1);
    for (let x = 0; x < n; x++) {
      const px = [0, 1, 2].map((i) => top[i] + (bottom[i] - top[i]) * t);
      for (const d of discs) {
        // a soft edge, 3 px wide
        const cover = Math.min(1, Math.max(0, (d.r - Math.hypot(x - d.x, y - d.y)) / 3)) * d.alpha;
        if (cover > 0) for (let i = 0; i < 3; i++) px[i] += (d.colour[i] - px[i]) * cover;
      }
      const waveY = wave.y + wave.amp * Math.sin((2 * Math.PI * wave.cycles * x) / n + wave.phase);
      const line = Math.max(0, 1 - Math.abs(y - waveY) / 4);
      for (let i = 0; i < 3; i++) rgb[(y * n + x) * 3 + i] = Math.round(px[i] + (250 - px[i]) * line);
    }
  }
  return encodePng(rgb, n, n);
}
