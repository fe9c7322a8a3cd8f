import { describe, expect, it } from 'vitest';
import { FP_VERSION } from '../../dsp/src/index';
import { api } from '../test/fixtures';

describe('GET /api/v1/health', () => {
  it('answers ok with the fingerprint version and shard count', async () => {
    const res = await api('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, fp_version: FP_VERSION, shards: 2, fallback: 'ok' });
  });

});
