import { describe, expect, it } from 'vitest';
import { decodeHashes, encodeHashes, WireError } from './wire';
import { HASH_MAX } from '../dsp/src/index';

describe('identify wire format', () => {
  const batch = {
    hash: Uint32Array.from([1, HASH_MAX, 12345]),
    t: Int32Array.from([0, 99999, -3]),
    hyp: Uint8Array.from([0, 16, 3]),
  };

  it('round-trips', () => {
    const { fpVersion, batch: back } = decodeHashes(encodeHashes(batch, 7));
    expect(fpVersion).toBe(7);
    expect([...back.hash]).toEqual([...batch.hash]);
    expect([...back.t]).toEqual([...batch.t]);
    expect([...back.hyp]).toEqual([...batch.hyp]);
  });

  it('refuses short, foreign and inconsistent bodies', () => {
    const good = encodeHashes(batch, 1);
    expect(() => decodeHashes(good.subarray(0, 5))).toThrow(WireError);
    const foreign = good.slice();
    foreign[0] = 0x58;
    expect(() => decodeHashes(foreign)).toThrow(/magic/);
    expect(() => decodeHashes(good.subarray(0, good.length - 1))).toThrow(/header says 3 records/);
  });
});
