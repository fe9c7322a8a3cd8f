import { describe, expect, it } from 'vitest';
import { encodeHashes } from '../../common/wire';
import { FP_VERSION } from '../../dsp/src/index';
import { api, freshIp } from '../test/fixtures';

const tiny = encodeHashes({ hash: Uint32Array.of(5), t: Int32Array.of(0), hyp: Uint8Array.of(0) }, FP_VERSION);

/** The limiter counts in wall-clock minutes: a burst must not straddle a boundary. */
async function burst(n: number, send: () => Promise<Response>): Promise<Response[]> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 15_000) await new Promise((r) => setTimeout(r, left + 50));
  const out: Response[] = [];
  for (let i = 0; i < n; i++) out.push(await send());
  return out;
}

describe('per-IP rate limits', () => {
  it('answers 429 with Retry-After once an address passes the identify limit (120/min)', async () => {
    const ip = freshIp();
    const send = () => api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: tiny, ip });
    const answers = await burst(121, send);
    expect(answers.slice(0, 120).every((r) => r.status === 200)).toBe(true);
    const over = answers[120];
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // another address is not affected
    expect((await api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: tiny, ip: freshIp() })).status).toBe(200);
  });

  it('limits catalog reads separately (300/min), and never /health', async () => {
    const ip = freshIp();
    const reads = await burst(301, () => api('/tracks', { ip }));
    expect(reads.slice(0, 300).every((r) => r.status === 200)).toBe(true);
    expect(reads[300].status).toBe(429);
    expect((await api('/health', { ip })).status).toBe(200);
  });
});
