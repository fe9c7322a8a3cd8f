import { describe, expect, it } from 'vitest';
import { IDENTIFY_MAX_BYTES } from '../../common/limits';
import { encodeHashes, wireRecordsIn } from '../../common/wire';
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

describe('body size', () => {
  /** `bytes` as a stream of 16 KB pieces: sent without a Content-Length. */
  const streamed = (bytes: Uint8Array) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 16_384) c.enqueue(bytes.slice(i, i + 16_384));
        c.close();
      },
    });
  const records = (n: number) => encodeHashes({ hash: new Uint32Array(n).fill(5), t: Int32Array.from({ length: n }, (_, i) => i), hyp: new Uint8Array(n) }, FP_VERSION);
  const send = (body: BodyInit) =>
    api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body, ip: freshIp(), duplex: 'half' } as RequestInit & { ip: string });

  it('counts a body without a Content-Length as it comes, and refuses it past the limit', async () => {
    const fits = records(wireRecordsIn(IDENTIFY_MAX_BYTES));
    const ok = await send(streamed(fits));
    expect(ok.status).toBe(200);
    const over = await send(streamed(new Uint8Array(IDENTIFY_MAX_BYTES + 1)));
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
  });

  it('reads a body of declared length whole, at the limit and not past it', async () => {
    expect((await send(records(wireRecordsIn(IDENTIFY_MAX_BYTES)))).status).toBe(200);
    const over = await send(new Uint8Array(IDENTIFY_MAX_BYTES + 1));
    expect(over.status).toBe(413);
  });
});
