import { describe, expect, it } from 'vitest';
import { IDENTIFY_MAX_BYTES } from './limits';
import { decodeHashes, encodeHashes, WIRE_HEADER_BYTES, WIRE_RECORD_BYTES, WireError, wireRecordsIn } from './wire';
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

  it('says how many records fit a body: the identify limit exactly', () => {
    const n = wireRecordsIn(IDENTIFY_MAX_BYTES);
    expect(encodeHashes({ hash: new Uint32Array(n), t: new Int32Array(n), hyp: new Uint8Array(n) }, 1).length).toBeLessThanOrEqual(IDENTIFY_MAX_BYTES);
    expect(WIRE_HEADER_BYTES + WIRE_RECORD_BYTES * (n + 1)).toBeGreaterThan(IDENTIFY_MAX_BYTES);
  });
});
