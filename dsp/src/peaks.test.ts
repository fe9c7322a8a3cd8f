import { describe, expect, it } from 'vitest';
import { Fingerprinter } from './engine';
import { presets } from './config';
import { loadEngineModule } from './node';

const RATE = 16000;
const binHz = presets.index.rate / presets.index.fftSize;
const frameS = presets.index.hop / presets.index.rate;

function tone(hz: number, start: number, dur: number, total: number): Float32Array {
  const x = new Float32Array(Math.round(total * RATE));
  const a = Math.round(start * RATE);
  for (let i = 0; i < dur * RATE; i++) {
    const env = Math.sin((Math.PI * i) / (dur * RATE)); // smooth onset and decay: one clear maximum
    x[a + i] += 0.5 * env * Math.sin((2 * Math.PI * hz * i) / RATE);
  }
  return x;
}

describe('peak picking', () => {
  it('finds a tone at its frequency and time', async () => {
    const module = await loadEngineModule();
    const fp = await Fingerprinter.create(module, { sampleRate: RATE, preset: 'index', collectPeaks: true });
    fp.push(tone(1000, 1.0, 0.4, 3));
    fp.flush();
    const peaks = fp.takePeaks();
    expect(peaks.length).toBeGreaterThan(0);
    const strongest = peaks.reduce((a, b) => (b.s > a.s ? b : a));
    expect(Math.abs(strongest.f * binHz - 1000)).toBeLessThan(binHz / 2);
    // the envelope peaks at 1.2 s; the frame is centred half a window after its start
    const centre = strongest.t * frameS + presets.index.fftSize / presets.index.rate / 2;
    expect(Math.abs(centre - 1.2)).toBeLessThan(0.1);
  });

  it('interpolates between bins', async () => {
    const module = await loadEngineModule();
    for (const hz of [800, 800 + binHz / 3, 800 + binHz / 2]) {
      const fp = await Fingerprinter.create(module, { sampleRate: RATE, preset: 'index', collectPeaks: true });
      fp.push(tone(hz, 0.5, 0.5, 2));
      fp.flush();
      const p = fp.takePeaks().reduce((a, b) => (b.s > a.s ? b : a));
      expect(Math.abs(p.f * binHz - hz)).toBeLessThan(binHz * 0.15);
    }
  });

  it('gives two peaks for two tones apart in frequency', async () => {
    const module = await loadEngineModule();
    const fp = await Fingerprinter.create(module, { sampleRate: RATE, preset: 'index', collectPeaks: true });
    const a = tone(600, 1, 0.4, 3);
    const b = tone(2400, 1, 0.4, 3);
    fp.push(a.map((v, i) => v + b[i]));
    fp.flush();
    const freqs = fp.takePeaks().map((p) => Math.round(p.f * binHz));
    expect(freqs.some((f) => Math.abs(f - 600) < binHz)).toBe(true);
    expect(freqs.some((f) => Math.abs(f - 2400) < binHz)).toBe(true);
  });
});
