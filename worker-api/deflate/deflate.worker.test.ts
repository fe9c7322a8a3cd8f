import { describe, expect, it } from 'vitest';
import { rng } from '../../dsp/testing/index';
import { BLOB_CODING, deflated, inflated } from '.';

describe('stored blobs', () => {
  it('come back as written, raw or deflated', async () => {
    const r = rng(7);
    const bytes = Uint8Array.from({ length: 5000 }, () => Math.floor(r() * 16));
    const packed = await deflated(bytes);
    expect(packed.length).toBeLessThan(bytes.length * 0.6);
    expect([...(await inflated(BLOB_CODING.deflateRaw, packed.buffer as ArrayBuffer))]).toEqual([...bytes]);
    expect([...(await inflated(BLOB_CODING.raw, [...bytes]))]).toEqual([...bytes]);
  });

  it('refuse a corrupt blob and a coding they do not know', async () => {
    await expect(inflated(BLOB_CODING.deflateRaw, [0xff, 0xff, 0xff, 0xff])).rejects.toThrow();
    await expect(inflated(9, [1, 2, 3])).rejects.toThrow(/coding 9/);
  });
});
