import { describe, expect, it } from 'vitest';
import { ENVELOPE } from './config';
import { QUERY_STEPS } from './envelope/index';
import { fingerprint } from './engine';
import { GrowingClip } from './growing-clip';
import { loadEngineModule } from './node';
import { concatBatches } from './records';
import { rng, synthSong } from '../testing/synth';
import type { HashBatch } from './types';

const records = (b: HashBatch): string[] => Array.from(b.hash, (h, i) => `${h}/${b.t[i]}/${b.hyp[i]}`).sort();

/** Records of `a` missing from `b`, plus those of `b` missing from `a` (as multisets). */
function difference(a: string[], b: string[]): number {
  const left = new Map<string, number>();
  for (const k of a) left.set(k, (left.get(k) ?? 0) + 1);
  let extra = 0;
  for (const k of b) {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else extra++;
  }
  return extra + [...left.values()].reduce((s, n) => s + n, 0);
}

describe('GrowingClip', () => {
  it("holds the band envelope's steps a whole clip gives, the last ones the matcher reads, and says where they start", async () => {
    const module = await loadEngineModule();
    const rate = 44100;
    const song = synthSong(9, 20, rate);
    const clip = await GrowingClip.create(module, { sampleRate: rate, preset: 'query' });
    for (let at = 0; at < song.length; at += 4096) clip.push(song.subarray(at, at + 4096));
    const whole = (await fingerprint(module, song, { sampleRate: rate, preset: 'query' })).envelope;
    const { steps, firstStep } = clip.envelope();
    const nb = ENVELOPE.bands;
    expect(steps.length).toBeGreaterThanOrEqual(QUERY_STEPS * nb);
    expect(steps.length).toBeLessThan(QUERY_STEPS * nb + 8192);
    // 20 s is more than the matcher reads: the oldest steps are gone, and the rest are the whole clip's from there
    expect(firstStep).toBeGreaterThan(0);
    expect(steps.every((v, i) => v === whole[firstStep * nb + i])).toBe(true);
  });

  it('asked as if it ended, gives what a clip of that length gives (every rate, short and long captures)', async () => {
    const module = await loadEngineModule();
    for (const rate of [8000, 22050, 44100, 48000]) {
      const song = synthSong(7, 12, rate);
      const clip = await GrowingClip.create(module, { sampleRate: rate, preset: 'query' });
      const r = rng(rate);
      let heard = 0;
      for (const atS of [1.2, 2.9, 6.4, 11.5]) {
        // the capture's blocks come in any size
        while (heard < atS * rate) {
          const n = Math.min(Math.round(atS * rate) - heard, 1 + Math.floor(r() * rate * 0.2));
          clip.push(song.subarray(heard, heard + n));
          heard += n;
        }
        const got = records(concatBatches(await clip.asIfEnded()));
        const want = records((await fingerprint(module, song.subarray(0, heard), { sampleRate: rate, preset: 'query' })).hashes);
        expect(want.length, `${rate} Hz, ${atS} s`).toBeGreaterThan(1000);
        // f32 rounding of a peak's time far from the stream's start may differ in the odd record
        expect(difference(got, want), `${rate} Hz, ${atS} s: ${got.length} vs ${want.length}`).toBeLessThanOrEqual(Math.ceil(want.length / 10_000));
      }
    }
  });

  it('gives more than the settled records before the end, and exactly them once finished', async () => {
    const module = await loadEngineModule();
    const song = synthSong(3, 8, 16000);
    const clip = await GrowingClip.create(module, { sampleRate: 16000, preset: 'query' });
    clip.push(song.subarray(0, 3 * 16000));
    const settled = clip.finalRecords;
    const asIfEnded = concatBatches(await clip.asIfEnded()).hash.length;
    // about 1.7 s of the 3 s are not settled yet
    expect(asIfEnded).toBeGreaterThan(1.5 * settled);
    expect(clip.finalRecords).toBe(settled);
    clip.push(song.subarray(3 * 16000));
    clip.finish();
    const whole = (await fingerprint(module, song, { sampleRate: 16000, preset: 'query' })).hashes;
    expect(records(concatBatches(await clip.asIfEnded()))).toEqual(records(whole));
  });

  it('keeps only the raw audio a question can still need', async () => {
    const module = await loadEngineModule();
    const rate = 48000;
    const clip = await GrowingClip.create(module, { sampleRate: rate, preset: 'query' });
    const block = synthSong(5, 1, rate);
    for (let s = 0; s < 60; s++) clip.push(block);
    // a minute heard; the tail it fingerprints again is a few seconds
    expect(clip.keptSeconds).toBeLessThan(7);
    expect(concatBatches(await clip.asIfEnded()).hash.length).toBeGreaterThan(clip.finalRecords);
  });
});
