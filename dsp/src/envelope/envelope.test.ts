import { describe, expect, it } from 'vitest';
import { ENVELOPE, presets } from '../config';
import { fingerprint, powerSpectrum } from '../engine';
import { loadEngineModule } from '../node';
import { synthSong } from '../../testing/synth';
import { levelPower, pooledDb, queryEnvelope, stepsBetween, storedLevels, storeEnvelope, STORED_BLOCK_BYTES } from './index';

const RATE = presets.index.rate;

/** The steps computed here from the engine's own spectra: Hann frames, bands as config.ts says. */
async function directSteps(samples: Float32Array): Promise<Float64Array> {
  const module = await loadEngineModule();
  const { fftSize: n, hop } = presets.index;
  const binHz = RATE / n;
  const edges = Array.from({ length: ENVELOPE.bands + 1 }, (_, i) => Math.round((ENVELOPE.loHz * (ENVELOPE.hiHz / ENVELOPE.loHz) ** (i / ENVELOPE.bands)) / binHz));
  for (let i = 0; i < ENVELOPE.bands; i++) edges[i + 1] = Math.max(edges[i + 1], edges[i] + 1);
  const hann = Float32Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
  const frames = Math.floor((samples.length - n) / hop) + 1;
  const steps = new Float64Array(Math.floor(frames / ENVELOPE.stepFrames) * ENVELOPE.bands);
  for (let f = 0; f < (steps.length / ENVELOPE.bands) * ENVELOPE.stepFrames; f++) {
    const frame = samples.slice(f * hop, f * hop + n).map((v, i) => v * hann[i]);
    const p = await powerSpectrum(module, frame);
    const k = Math.floor(f / ENVELOPE.stepFrames);
    for (let b = 0; b < ENVELOPE.bands; b++) for (let j = edges[b]; j < edges[b + 1]; j++) steps[k * ENVELOPE.bands + b] += p[j];
  }
  return steps;
}

describe('band envelope', () => {
  it('sums each band of the raw spectra over a step, as the stage says', async () => {
    const module = await loadEngineModule();
    // at the engine's rate the resampler keeps the samples' times, so frames line up
    const x = synthSong(5, 3, RATE);
    const r = await fingerprint(module, x, { sampleRate: RATE, preset: 'index' });
    const want = await directSteps(x);
    const n = Math.min(want.length, r.envelope.length) - ENVELOPE.bands * 4;
    expect(n).toBeGreaterThan(ENVELOPE.bands * 60);
    const worst = new Float64Array(ENVELOPE.bands);
    for (let i = 0; i < n; i++) worst[i % ENVELOPE.bands] = Math.max(worst[i % ENVELOPE.bands], Math.abs(r.envelope[i] - want[i]) / (want[i] + 1e-6));
    // the resampler's low-pass (presets' cutoffHz) takes some of the top bands, on both sides
    // alike: its transition starts near 0.7 of the cut-off
    const upperHz = (b: number) => ENVELOPE.loHz * (ENVELOPE.hiHz / ENVELOPE.loHz) ** ((b + 1) / ENVELOPE.bands);
    const passband = [...worst.keys()].filter((b) => upperHz(b) <= 0.7 * presets.index.cutoffHz);
    expect(passband.length).toBeGreaterThan(ENVELOPE.bands / 2);
    for (const b of passband) expect(worst[b], `band ${b}`).toBeLessThan(3e-3);
    for (let i = 0; i < n; i++) expect(r.envelope[i]).toBeLessThanOrEqual(want[i] * 1.003 + 1e-6);
  });

  it('stores each value within half a step of its level below the loudest, floored at the last level', async () => {
    const steps = new Float32Array(ENVELOPE.bands * ENVELOPE.blockSteps * 40).map((_, i) => 10 ** (-((i * 7919) % 600) / 100));
    const stored = storeEnvelope(steps);
    expect(stored.length).toBe(40 * STORED_BLOCK_BYTES);
    const db = pooledDb(steps, 0);
    const top = Math.max(...db);
    const back = levelPower(storedLevels(stored));
    const span = ((1 << ENVELOPE.bits) - 1) * ENVELOPE.stepDb;
    for (let i = 0; i < db.length; i++) {
      const below = top - db[i];
      const got = -10 * Math.log10(back[i]);
      if (below <= span) expect(Math.abs(got - below)).toBeLessThanOrEqual(ENVELOPE.stepDb / 2 + 1e-6);
      else expect(got).toBeCloseTo(span, 5);
    }
  });

  it('gives the query each phase centred per block and per band, at unit norm', () => {
    const steps = new Float32Array(ENVELOPE.bands * 100).map((_, i) => 1 + ((i * 31) % 17));
    const q = queryEnvelope(steps);
    expect(q.phases).toHaveLength(ENVELOPE.blockSteps);
    expect(q.blocks).toBe(Math.floor((100 - (ENVELOPE.blockSteps - 1)) / ENVELOPE.blockSteps));
    for (const p of q.phases) {
      expect(p.length).toBe(q.blocks * ENVELOPE.bands);
      expect(p.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 5);
      for (let k = 0; k < q.blocks; k++) expect(p.slice(k * ENVELOPE.bands, (k + 1) * ENVELOPE.bands).reduce((s, v) => s + v, 0)).toBeCloseTo(0, 5);
      for (let b = 0; b < ENVELOPE.bands; b++) {
        let s = 0;
        for (let k = 0; k < q.blocks; k++) s += p[k * ENVELOPE.bands + b];
        expect(s).toBeCloseTo(0, 5);
      }
    }
  });

  it('cuts the steps wholly inside a span of frames, as a cut of the records takes them', () => {
    const nb = ENVELOPE.bands;
    const steps = Float32Array.from({ length: 10 * nb }, (_, i) => Math.floor(i / nb));
    const f = ENVELOPE.stepFrames;
    const cut = stepsBetween(steps, 1.5 * f, 6.5 * f);
    expect([...cut.filter((_, i) => i % nb === 0)]).toEqual([2, 3, 4, 5]);
    expect(stepsBetween(steps, 8 * f, Infinity).length).toBe(2 * nb);
    expect(stepsBetween(steps, -f, f).length).toBe(nb);
  });
});
