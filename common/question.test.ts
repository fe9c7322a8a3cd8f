import { describe, expect, it } from 'vitest';
import { questionBody } from './question';
import { decodeHashes, encodeHashes, WIRE_FIRST_STEP_MAX, wireEnvelopeBytes, wireRecordsIn } from './wire';
import { ENVELOPE, ENVELOPE_VERSION, FP_VERSION, QUERY_STEPS } from '../dsp/src/index';

/** `n` as-heard records, one a frame. */
const heard = (n: number) => ({ hash: Uint32Array.from({ length: n }, (_, i) => i * 7919), t: Int32Array.from({ length: n }, (_, i) => i), hyp: new Uint8Array(n) });
const steps = Float32Array.from({ length: ENVELOPE.bands * 50 }, (_, i) => 10 ** (-(i % 90) / 30));
const heardFrom0 = { steps, firstStep: 0 };

describe('an identify question as the app sends it', () => {
  it("carries the records and this build's band envelope, read back as the API reads them", () => {
    const { fpVersion, batch, envelope } = decodeHashes(questionBody([heard(300)], heardFrom0));
    expect(fpVersion).toBe(FP_VERSION);
    expect(batch.hash.length).toBe(300);
    expect([...batch.t.slice(0, 3)]).toEqual([0, 1, 2]);
    expect(envelope).toMatchObject({ version: ENVELOPE_VERSION, bands: ENVELOPE.bands, firstStep: 0 });
    const db = (p: number) => 10 * Math.log10(p);
    envelope!.steps.forEach((p, i) => expect(Math.abs(db(p) - db(steps[i]))).toBeLessThanOrEqual(0.25 + 1e-6));
  });

  it('gives the envelope its bytes out of the records: the body stays within the limit', () => {
    const maxBytes = 4096;
    const envelopeBytes = wireEnvelopeBytes({ bands: ENVELOPE.bands, steps });
    const body = questionBody([heard(2000)], heardFrom0, maxBytes);
    expect(body.length).toBeLessThanOrEqual(maxBytes);
    expect(decodeHashes(body).batch.hash.length).toBe(wireRecordsIn(maxBytes, envelopeBytes));
    // the records alone would have fitted more of them
    expect(wireRecordsIn(maxBytes, envelopeBytes)).toBeLessThan(wireRecordsIn(maxBytes));
    // the newest records are the ones kept
    expect(decodeHashes(body).batch.t.at(-1)).toBe(1999);
  });

  it('is a body without an envelope when nothing was heard into one', () => {
    const body = questionBody([heard(10)], { steps: new Float32Array(0), firstStep: 0 });
    expect(decodeHashes(body).envelope).toBeUndefined();
    expect(body).toEqual(encodeHashes(heard(10), FP_VERSION));
  });

  it('sends the steps the API searches, and says where in the capture they start', () => {
    const nb = ENVELOPE.bands;
    const long = Float32Array.from({ length: nb * (QUERY_STEPS + 120) }, (_, i) => 10 ** (-(i % 70) / 30));
    const { envelope } = decodeHashes(questionBody([heard(300)], { steps: long, firstStep: 40 }));
    expect(envelope!.firstStep).toBe(160);
    expect(envelope!.steps.length).toBe(QUERY_STEPS * nb);
    // past what the wire can say the records ask alone
    const late = decodeHashes(questionBody([heard(300)], { steps: long, firstStep: WIRE_FIRST_STEP_MAX }));
    expect(late.envelope).toBeUndefined();
    expect(late.batch.hash.length).toBe(300);
  });
});
