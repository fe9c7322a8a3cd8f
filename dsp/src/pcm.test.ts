import { describe, expect, it } from 'vitest';
import { downmix, pcm16, SecondLevels } from './pcm';

/** The definition: round half up, clipped to 16 bits. */
const reference = (x: Float32Array) => new Uint8Array(Int16Array.from(x, (v) => (v >= 1 ? 32767 : v <= -1 ? -32768 : Math.round(v * 32767) || 0)).buffer);

describe('pcm16', () => {
  it('rounds every float32 sample as Math.round does: halves, edges, NaN and infinities', () => {
    const halves = Array.from({ length: 65534 }, (_, k) => (k - 32767 + 0.5) / 32767);
    let s = 7;
    const noise = Array.from({ length: 200_000 }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2.2 - 1.1);
    const x = Float32Array.from([...halves, ...noise, NaN, -0, 0, 1, -1, Infinity, -Infinity, 1e-30, -1e-30]);
    expect(pcm16(x)).toEqual(reference(x));
  });
});

describe('SecondLevels', () => {
  it("gives each second's RMS level in dBFS, the last partial second included", () => {
    const l = new SecondLevels(4);
    l.push(Float32Array.from([0.5, -0.5, 0.5]));
    l.push(Float32Array.from([-0.5, 0, 0, 0, 0, 1]));
    expect(l.finish()).toEqual([10 * Math.log10(0.25), -Infinity, 0]);
  });
});

describe('downmix', () => {
  it("is the channels' mean, and a mono signal itself", () => {
    const mono = Float32Array.from([0.5, -1]);
    expect(downmix([mono])).toBe(mono);
    expect(Array.from(downmix([Float32Array.from([1, 0.5, 0]), Float32Array.from([0, -0.5, 0.25])]))).toEqual([0.5, 0, 0.125]);
  });
});
