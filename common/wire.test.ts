import { describe, expect, it } from 'vitest';
import { IDENTIFY_MAX_BYTES } from './limits';
import { decodeHashes, encodeHashes, WIRE_HEADER_BYTES, WIRE_RECORD_BYTES, WireError, WIRE_FIRST_STEP_MAX, wireEnvelopeBytes, wireRecordsIn } from './wire';
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

  it('carries the band envelope to half a dB, and reads bodies without one as before', () => {
    const steps = Float32Array.from({ length: 16 * 40 }, (_, i) => 10 ** (-((i * 37) % 700) / 100));
    const body = encodeHashes(batch, 5, { version: 1, bands: 16, steps, firstStep: 0 });
    expect(body.length).toBe(WIRE_HEADER_BYTES + 3 * WIRE_RECORD_BYTES + wireEnvelopeBytes({ bands: 16, steps }));
    const back = decodeHashes(body);
    expect([...back.batch.hash]).toEqual([...batch.hash]);
    expect(back.envelope?.version).toBe(1);
    expect(back.envelope?.bands).toBe(16);
    expect(back.envelope?.firstStep).toBe(0);
    for (let i = 0; i < steps.length; i++) expect(Math.abs(10 * Math.log10(back.envelope!.steps[i] / steps[i]))).toBeLessThanOrEqual(0.2501);
    expect(decodeHashes(encodeHashes(batch, 5)).envelope).toBeUndefined();
  });

  it("says at which step of the records' time axis the envelope starts, and refuses one it cannot say", () => {
    const steps = new Float32Array(16 * 4).fill(1);
    expect(decodeHashes(encodeHashes(batch, 5, { version: 1, bands: 16, steps, firstStep: 700 })).envelope?.firstStep).toBe(700);
    expect(decodeHashes(encodeHashes(batch, 5, { version: 1, bands: 16, steps, firstStep: WIRE_FIRST_STEP_MAX })).envelope?.firstStep).toBe(WIRE_FIRST_STEP_MAX);
    expect(() => encodeHashes(batch, 5, { version: 1, bands: 16, steps, firstStep: WIRE_FIRST_STEP_MAX + 1 })).toThrow(RangeError);
    expect(() => encodeHashes(batch, 5, { version: 1, bands: 16, steps, firstStep: -1 })).toThrow(RangeError);
  });

  it('refuses an envelope whose length is not what its header says', () => {
    const body = encodeHashes(batch, 5, { version: 1, bands: 16, steps: new Float32Array(16 * 4).fill(1), firstStep: 0 });
    expect(() => decodeHashes(body.subarray(0, body.length - 1))).toThrow(/envelope: header says 4 steps of 16 bands/);
    const noBands = body.slice();
    noBands[WIRE_HEADER_BYTES + 3 * WIRE_RECORD_BYTES + 1] = 0;
    expect(() => decodeHashes(noBands)).toThrow(/0 bands/);
  });
});
