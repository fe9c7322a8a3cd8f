import { beforeAll, describe, expect, it } from 'vitest';
import { ENVELOPE, presets } from '../config';
import { fingerprint } from '../engine';
import { queryEnvelope, storeEnvelope } from '../envelope/index';
import { loadEngineModule } from '../node';
import { rng, synthSong } from '../../testing/synth';
import { verifyEnvelope } from './verify';
import { jsCorrelator, WasmCorrelator } from './correlator';

const RATE = presets.index.rate;
const FRAMES_PER_S = RATE / presets.index.hop;

/** A room: sparse reflections decaying 60 dB over `rt60` s, and noise at about 10 dB SNR. */
function inRoom(x: Float32Array, rt60: number, seed: number): Float32Array {
  const r = rng(seed);
  const taps = Array.from({ length: 300 }, () => {
    const d = Math.floor(r() * rt60 * RATE);
    return [d, (r() * 2 - 1) * 0.5 * 10 ** ((-3 * d) / (rt60 * RATE))] as const;
  });
  const out = Float32Array.from(x);
  for (const [d, g] of taps) for (let i = d; i < x.length; i++) out[i] += g * x[i - d];
  let p = 0;
  for (const v of out) p += v * v;
  const sd = Math.sqrt(p / out.length / 10);
  return out.map((v) => 0.3 * v + 0.3 * sd * (r() + r() + r() - 1.5) * 2);
}

describe('envelope verifier', () => {
  const songs: Float32Array[] = [];
  const stored = new Map<number, Uint8Array>();
  beforeAll(async () => {
    const module = await loadEngineModule();
    for (let i = 0; i < 10; i++) {
      songs.push(synthSong(100 + i, 60, RATE));
      stored.set(i, storeEnvelope((await fingerprint(module, songs[i], { sampleRate: RATE, preset: 'index' })).envelope));
    }
  });

  async function heard(x: Float32Array): Promise<ReturnType<typeof queryEnvelope>> {
    const module = await loadEngineModule();
    return queryEnvelope((await fingerprint(module, x, { sampleRate: RATE, preset: 'query' })).envelope);
  }

  it('names the song a room played, where it was, confidently', async () => {
    const at = 21.3;
    const q = await heard(inRoom(songs[6].slice(Math.round(at * RATE), Math.round((at + 5) * RATE)), 0.9, 7));
    const v = verifyEnvelope(q, [3, 6, 0, 1, 2, 4, 5, 7, 8, 9], stored);
    expect(v?.track).toBe(6);
    expect(v!.confidence).toBeGreaterThan(0.999);
    expect(Math.abs(v!.offset - at * FRAMES_PER_S)).toBeLessThanOrEqual(2 * ENVELOPE.stepFrames);
  });

  it("places a clip longer than the envelope it searches at the clip's start", async () => {
    // the query searches only its last ENVELOPE.queryBlocks blocks; the offset is still where the clip began
    const at = 12.7;
    const long = at + (ENVELOPE.queryBlocks * ENVELOPE.blockSteps * ENVELOPE.stepFrames) / FRAMES_PER_S + 9;
    const q = await heard(songs[4].slice(Math.round(at * RATE), Math.round(long * RATE)));
    expect(q.firstFrame).toBeGreaterThan(8 * FRAMES_PER_S);
    // a 15 s query leaves each 60 s song here only 6 blocks of chance
    const v = verifyEnvelope(q, [...stored.keys()], stored, { minChanceBlocks: 50 });
    expect(v?.track).toBe(4);
    expect(Math.abs(v!.offset - at * FRAMES_PER_S)).toBeLessThanOrEqual(ENVELOPE.stepFrames);
  });

  it('is not confident about a song it does not hold', async () => {
    const q = await heard(inRoom(synthSong(999, 6, RATE), 0.6, 8));
    const v = verifyEnvelope(q, [...stored.keys()], stored);
    expect(v).not.toBeNull();
    expect(v!.confidence).toBeLessThan(0.995);
  });

  it('weighs its tests as the hashes rank the candidates, so the sum of their chances stays', async () => {
    const q = await heard(inRoom(synthSong(998, 4, RATE), 0.6, 11));
    const even = verifyEnvelope(q, [...stored.keys()], stored, { shares: [] })!;
    expect(even.confidence).toBeGreaterThan(0);
    expect(even.confidence).toBeLessThan(1);
    const others = [...stored.keys()].filter((t) => t !== even.track);
    const first = verifyEnvelope(q, [even.track, ...others], stored)!;
    const second = verifyEnvelope(q, [others[0], even.track, ...others.slice(1)], stored)!;
    const last = verifyEnvelope(q, [...others, even.track], stored)!;
    for (const v of [first, second, last]) expect(v).toMatchObject({ track: even.track, r: even.r, offset: even.offset });
    // ten songs of one length: E is 1 / (10 x its share) of the even test's (shares 0.5, 0.2, 0.0375 each after)
    const ratio = (v: { confidence: number }) => Math.log(v.confidence) / Math.log(even.confidence);
    expect(ratio(first)).toBeCloseTo(1 / 5, 6);
    expect(ratio(second)).toBeCloseTo(1 / 2, 6);
    expect(ratio(last)).toBeCloseTo(1 / 0.375, 6);
  });

  it('does not weigh a query shorter than its bar or a chance sample too small', async () => {
    const short = await heard(songs[2].slice(0, Math.round(1.5 * RATE)));
    expect(verifyEnvelope(short, [...stored.keys()], stored)).toBeNull();
    const q = await heard(songs[2].slice(0, 5 * RATE));
    expect(verifyEnvelope(q, [2, 3], stored)).toBeNull();
  });

  it("gives the same answer through the engine module's SIMD kernel as in JavaScript", async () => {
    const wasm = await WasmCorrelator.create(await loadEngineModule());
    const r = rng(12);
    const q = await heard(inRoom(songs[3].slice(9 * RATE, 16 * RATE), 0.7, 9));
    const x = Float32Array.from({ length: 300 * ENVELOPE.bands }, () => r() * 20 - 10);
    const offsets = 300 - q.blocks + 1;
    const inv = Float32Array.from({ length: offsets }, (_, i) => (i % 50 === 7 ? 0 : 0.01 + r() * 0.01));
    const a = new Float32Array(offsets * q.phases.length).fill(-1);
    const b = a.slice();
    jsCorrelator.correlate(q, x, inv, a);
    wasm.correlate(q, x, inv, b);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThan(1e-4);
    expect(a.some((v) => v > 0.05)).toBe(true);
    const all = [...stored.keys()];
    // the same search but for the float sums' order
    const [v, w] = [verifyEnvelope(q, all, stored), verifyEnvelope(q, all, stored, { correlator: wasm })];
    expect(w).toMatchObject({ track: v!.track, offset: v!.offset });
    expect(w!.r).toBeCloseTo(v!.r, 4);
    expect(w!.confidence).toBeCloseTo(v!.confidence, 4);
  });
});
