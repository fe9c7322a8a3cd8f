import { describe, expect, it } from 'vitest';
import { fingerprint } from './engine';
import { loadEngineModule } from './node';
import { addNoise, synthSong } from '../testing/synth';

function sine(hz: number, amp: number, seconds: number, rate: number): Float32Array {
  return new Float32Array(Math.round(seconds * rate)).map((_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
}

describe('quality metrics', () => {
  it('measures level and BS.1770 loudness of a 997 Hz sine', async () => {
    const module = await loadEngineModule();
    for (const rate of [44100, 48000]) {
      const r = await fingerprint(module, sine(997, 0.1, 5, rate), { sampleRate: rate });
      expect(r.quality.peakDbfs).toBeCloseTo(-20, 1);
      expect(r.quality.rmsDbfs).toBeCloseTo(-23.01, 1);
      // BS.1770: a 0 dBFS 997 Hz sine in one channel reads -3.01 LKFS
      expect(r.quality.loudnessLufs).toBeCloseTo(-23.01, 0);
      expect(r.quality.clippingRatio).toBe(0);
      expect(r.quality.silenceRatio).toBe(0);
    }
  });

  it('sums channels for loudness as BS.1770 does', async () => {
    const module = await loadEngineModule();
    const mono = sine(997, 0.1, 5, 48000);
    const stereo = new Float32Array(mono.length * 2);
    mono.forEach((v, i) => { stereo[2 * i] = v; stereo[2 * i + 1] = v; });
    const r = await fingerprint(module, stereo, { sampleRate: 48000, channels: 2 });
    expect(r.quality.loudnessLufs).toBeCloseTo(-20, 0);
  });

  it('reports the share of silence', async () => {
    const module = await loadEngineModule();
    const x = new Float32Array(44100 * 4);
    x.set(synthSong(1, 1), 0);
    const r = await fingerprint(module, x, { sampleRate: 44100 });
    expect(r.quality.silenceRatio).toBeGreaterThan(0.65);
    expect(r.quality.silenceRatio).toBeLessThan(0.8);
  });

  it('ranks noisy audio below clean audio in SNR', async () => {
    const module = await loadEngineModule();
    const song = synthSong(2, 8);
    const snr = async (x: Float32Array) => (await fingerprint(module, x, { sampleRate: 44100 })).quality.snrDb;
    const clean = await snr(song);
    const n10 = await snr(addNoise(song, 10));
    const n0 = await snr(addNoise(song, 0));
    expect(clean).toBeGreaterThan(n10);
    expect(n10).toBeGreaterThan(n0);
  });
});
