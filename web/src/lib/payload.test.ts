import { describe, expect, it } from 'vitest';
import { decodeHashes, encodeHashes } from '../../../common/wire';
import { maxRecords, selectRecords } from './payload';

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

describe('selectRecords', () => {
  it('keeps everything when it fits', () => {
    const out = selectRecords([batch(0, 20, 4), batch(5, 20, 4)], 10_000);
    expect(out.hash.length).toBe(40);
    expect(Array.from(out.t)).toEqual([...Array.from(batch(0, 20, 4).t), ...Array.from(batch(5, 20, 4).t)]);
  });

  it('keeps every as-heard record and the newest hypothesis records within the budget', () => {
    const batches = Array.from({ length: 10 }, (_, k) => batch(k * 100, 170, 17));
    const bytes = 12 + 9 * 300;
    const out = selectRecords(batches, bytes);
    expect(out.hash.length).toBe(300);
    const heard = Array.from(out.hyp).filter((y) => y === 0).length;
    expect(heard).toBe(100);
    // the 200 hypothesis records come from the newest batches only
    const oldestOther = Math.min(...Array.from(out.t).filter((_, i) => out.hyp[i] !== 0));
    expect(oldestOther).toBeGreaterThanOrEqual(800);
    // time order survives, so the body reads as the audio went
    expect(Array.from(out.t)).toEqual(Array.from(out.t).sort((a, b) => a - b));
    expect(encodeHashes(out, 1).length).toBeLessThanOrEqual(bytes);
  });

  it('drops the oldest as-heard records only when they alone overflow', () => {
    const out = selectRecords([batch(0, 50, 1), batch(100, 50, 1)], 12 + 9 * 60);
    expect(out.hash.length).toBe(60);
    expect(out.t[0]).toBe(40);
  });

  it('round-trips through the wire format', () => {
    const out = selectRecords([batch(0, 34, 17)]);
    const { batch: back } = decodeHashes(encodeHashes(out, 1));
    expect(Array.from(back.hash)).toEqual(Array.from(out.hash));
  });

  it('fits the API body limit', () => {
    const n = maxRecords(256 * 1024);
    expect(12 + 9 * n).toBeLessThanOrEqual(256 * 1024);
    expect(12 + 9 * (n + 1)).toBeGreaterThan(256 * 1024);
  });
});
