import { describe, expect, it } from 'vitest';
import { frameSeconds, HYPOTHESES, presets } from './config';
import { EXTRA_FLAG } from './hash';
import { fitRecords, HYPOTHESIS_FLOOR_S } from './records';

/** A batch of `n` records at times t0.., hypotheses cycling through `hyps`. */
function batch(t0: number, n: number, hyps: number): { hash: Uint32Array; t: Int32Array; hyp: Uint8Array } {
  const b = { hash: new Uint32Array(n), t: new Int32Array(n), hyp: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    b.hash[i] = t0 * 1000 + i;
    b.t[i] = t0 + Math.floor(i / hyps);
    b.hyp[i] = i % hyps;
  }
  return b;
}

describe('fitRecords', () => {
  it('keeps everything when it fits', () => {
    const out = fitRecords([batch(0, 20, 4), batch(5, 20, 4)], 1000);
    expect(out.hash.length).toBe(40);
    expect(Array.from(out.t)).toEqual([...Array.from(batch(0, 20, 4).t), ...Array.from(batch(5, 20, 4).t)]);
  });

  it('keeps every as-heard record and the newest hypothesis records within the budget', () => {
    const batches = Array.from({ length: 10 }, (_, k) => batch(k * 100, 170, 17));
    const out = fitRecords(batches, 300);
    expect(out.hash.length).toBe(300);
    const heard = Array.from(out.hyp).filter((y) => y === 0).length;
    expect(heard).toBe(100);
    // the 200 hypothesis records come from the newest batches only
    const oldestOther = Math.min(...Array.from(out.t).filter((_, i) => out.hyp[i] !== 0));
    expect(oldestOther).toBeGreaterThanOrEqual(800);
    // time order survives, so the body reads as the audio went
    expect(Array.from(out.t)).toEqual(Array.from(out.t).sort((a, b) => a - b));
  });

  it("keeps the newest seconds of the hypotheses before the extra peaks' records, and those before older hypotheses", () => {
    // 10 s at one record of each kind a frame: kept as heard, extra, and a pitch-only
    // hypothesis (its times are heard times)
    const pitch = HYPOTHESES.findIndex(([timeScale], i) => i > 0 && timeScale === 1);
    const frames = Math.round(10 / frameSeconds(presets.query));
    const b = { hash: new Uint32Array(3 * frames), t: new Int32Array(3 * frames), hyp: new Uint8Array(3 * frames) };
    for (let f = 0; f < frames; f++) {
      [0, EXTRA_FLAG, pitch].forEach((y, k) => {
        b.hash[3 * f + k] = 3 * f + k;
        b.t[3 * f + k] = f;
        b.hyp[3 * f + k] = y;
      });
    }
    const floor = frames - Math.ceil(frames - 1 - HYPOTHESIS_FLOOR_S / frameSeconds(presets.query));
    const tally = (budget: number) => {
      const out = fitRecords([b], budget);
      const newest = (y: number) => Array.from(out.hyp.keys()).filter((i) => out.hyp[i] === y).map((i) => out.t[i]);
      return [0, EXTRA_FLAG, pitch].map((y) => ({ n: newest(y).length, from: Math.min(...newest(y)) }));
    };
    expect(tally(frames + floor + 100)).toEqual([{ n: frames, from: 0 }, { n: 100, from: frames - 100 }, { n: floor, from: frames - floor }]);
    expect(tally(2 * frames + floor + 50)).toEqual([{ n: frames, from: 0 }, { n: frames, from: 0 }, { n: floor + 50, from: frames - floor - 50 }]);
  });

  it('drops the oldest as-heard records only when they alone overflow', () => {
    const out = fitRecords([batch(0, 50, 1), batch(100, 50, 1)], 60);
    expect(out.hash.length).toBe(60);
    expect(out.t[0]).toBe(40);
  });
});
