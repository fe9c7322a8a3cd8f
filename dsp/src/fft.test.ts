import { describe, expect, it } from 'vitest';
import { powerSpectrum } from './engine';
import { presets } from './config';
import { loadEngineModule } from './node';
import { rng } from '../testing/synth';

function dftPower(x: Float32Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += x[i] * Math.cos((2 * Math.PI * k * i) / n);
      im -= x[i] * Math.sin((2 * Math.PI * k * i) / n);
    }
    out[k] = re * re + im * im;
  }
  return out;
}

describe('FFT', () => {
  it('matches a direct DFT on random frames', async () => {
    const module = await loadEngineModule();
    const r = rng(3);
    for (let trial = 0; trial < 3; trial++) {
      const frame = new Float32Array(presets.query.fftSize).map(() => r() * 2 - 1);
      const fast = await powerSpectrum(module, frame);
      const slow = dftPower(frame);
      const scale = Math.max(...slow);
      for (let k = 0; k < slow.length; k++) expect(Math.abs(fast[k] - slow[k])).toBeLessThan(1e-4 * scale);
    }
  });

  it('puts a bin-centred sine in its bin', async () => {
    const module = await loadEngineModule();
    const n = presets.query.fftSize;
    const frame = new Float32Array(n).map((_, i) => Math.cos((2 * Math.PI * 37 * i) / n));
    const p = await powerSpectrum(module, frame);
    expect(p[37]).toBeCloseTo((n / 2) ** 2, -1);
    expect(p[36]).toBeLessThan(1e-3);
    expect(p[38]).toBeLessThan(1e-3);
  });
});
