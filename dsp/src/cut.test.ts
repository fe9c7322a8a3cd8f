import { describe, expect, it } from 'vitest';
import { frameSeconds, presets } from './config';
import { cutBatch } from './cut';
import { hypothesisOf } from './hash';
import { fingerprint } from './engine';
import { loadEngineModule } from './node';
import { synthSong } from '../testing/synth';

describe('cutBatch', () => {
  it('gives, for every hypothesis, nearly the records that fingerprinting the stretch alone gives', async () => {
    const module = await loadEngineModule();
    const rate = 16000;
    const song = synthSong(5, 30, rate);
    const whole = (await fingerprint(module, song, { sampleRate: rate, preset: 'query' })).hashes;
    const fps = 1 / frameSeconds(presets.query);
    const cut = cutBatch(whole, 10 * fps, 20 * fps, presets.query);
    const alone = (await fingerprint(module, song.subarray(10 * rate, 20 * rate), { sampleRate: rate, preset: 'query' })).hashes;
    const key = (b: typeof cut, i: number) => `${b.hash[i]}:${b.t[i]}:${b.hyp[i]}`;
    const got = new Set(Array.from(cut.hash, (_, i) => key(cut, i)));
    let shared = 0;
    alone.hash.forEach((_, i) => (shared += got.has(key(alone, i)) ? 1 : 0));
    // peaks near the edges see other neighbours, and re-timing a scaled t may round the
    // other way (a frame off still votes: the matcher allows +-1); a wrong cut shares ~0
    expect(shared / alone.hash.length).toBeGreaterThan(0.7);
    expect(cut.hash.length / alone.hash.length).toBeGreaterThan(0.85);
    expect(cut.hash.length / alone.hash.length).toBeLessThan(1.15);
    expect(new Set(Array.from(cut.hyp, hypothesisOf)).size).toBe(presets.query.hypotheses.length);
    expect(Math.min(...cut.t)).toBeGreaterThanOrEqual(0);
  });
});
