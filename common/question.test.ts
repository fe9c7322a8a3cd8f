import { describe, expect, it } from 'vitest';
import { questionBody } from './question';
import { decodeHashes, encodeHashes, wireEnvelopeBytes, wireRecordsIn } from './wire';
import { ENVELOPE, ENVELOPE_VERSION, FP_VERSION } from '../dsp/src/index';

/** `n` as-heard records, one a frame. */
const heard = (n: number) => ({ hash: Uint32Array.from({ length: n }, (_, i) => i * 7919), t: Int32Array.from({ length: n }, (_, i) => i), hyp: new Uint8Array(n) });
const steps = Float32Array.from({ length: ENVELOPE.bands * 50 }, (_, i) => 10 ** (-(i % 90) / 30));

describe('an identify question as the app sends it', () => {
  it("carries the records and this build's band envelope, read back as the API reads them", () => {
    const { fpVersion, batch, envelope } = decodeHashes(questionBody([heard(300)], steps));
    expect(fpVersion).toBe(FP_VERSION);
    expect(batch.hash.length).toBe(300);
    expect([...batch.t.slice(0, 3)]).toEqual([0, 1, 2]);
    expect(envelope).toMatchObject({ version: ENVELOPE_VERSION, bands: ENVELOPE.bands });
    const db = (p: number) => 10 * Math.log10(p);
    envelope!.steps.forEach((p, i) => expect(Math.abs(db(p) - db(steps[i]))).toBeLessThanOrEqual(0.25 + 1e-6));
  });

  it('gives the envelope its bytes out of the records: the body stays within the limit', () => {
    const maxBytes = 4096;
    const envelopeBytes = wireEnvelopeBytes({ version: ENVELOPE_VERSION, bands: ENVELOPE.bands, steps });
    const body = questionBody([heard(2000)], steps, maxBytes);
    expect(body.length).toBeLessThanOrEqual(maxBytes);
    expect(decodeHashes(body).batch.hash.length).toBe(wireRecordsIn(maxBytes, envelopeBytes));
    // the records alone would have fitted more of them
    expect(wireRecordsIn(maxBytes, envelopeBytes)).toBeLessThan(wireRecordsIn(maxBytes));
    // the newest records are the ones kept
    expect(decodeHashes(body).batch.t.at(-1)).toBe(1999);
  });

  it('is a body without an envelope when nothing was heard into one', () => {
    const body = questionBody([heard(10)], new Float32Array(0));
    expect(decodeHashes(body).envelope).toBeUndefined();
    expect(body).toEqual(encodeHashes(heard(10), FP_VERSION));
  });
});
