import { describe, expect, it } from 'vitest';
import { widenTimeGaps } from './widen';

const record = (f1: number, df: number, dt: number) => (f1 << 17) | ((df + 256) << 8) | dt;

describe('widenTimeGaps', () => {
  it('looks up every time gap within +-k, keeping pitch fields and anchor time', () => {
    const q = { hash: Uint32Array.of(record(40, -3, 10)), t: Int32Array.of(77), hyp: Uint8Array.of(0) };
    const w = widenTimeGaps(q, 2);
    expect([...w.hash].map((h) => h & 0xff)).toEqual([8, 9, 10, 11, 12]);
    expect([...w.hash].every((h) => h >>> 8 === q.hash[0] >>> 8)).toBe(true);
    expect([...w.t]).toEqual([77, 77, 77, 77, 77]);
    expect([...w.hyp]).toEqual([0, 0, 0, 0, 0]);
  });

  it('stays within the gaps a hash can hold, and leaves the speed/pitch hypotheses out', () => {
    const q = {
      hash: Uint32Array.of(record(5, 0, 1), record(5, 0, 255), record(9, 1, 30)),
      t: Int32Array.of(0, 1, 2),
      hyp: Uint8Array.of(0, 0, 4),
    };
    const gaps = [...widenTimeGaps(q, 2).hash].map((h) => h & 0xff);
    expect(gaps).toEqual([1, 2, 3, 253, 254, 255]);
  });
});
