// Rate limits as clients meet them: a 429 must reach a client that is still sending its
// body (browsers and Node's fetch do not wait for 100-continue), not a reset connection.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHashes } from '../../common/wire';
import { FP_VERSION } from '../../dsp/src/index';
import { type DevServer, startDev } from './wrangler-dev';
import { HASH_MAX } from '../../dsp/src/index';

let dev: DevServer;

beforeAll(async () => {
  dev = await startDev({ ADMIN_TOKEN: 'limits-e2e-admin-token-0123456789' });
});
afterAll(async () => {
  await dev?.stop();
});

/** An identify body of `records` random records (about 9 bytes each), sent in slow pieces. */
function slowBody(records: number, pieces: number, gapMs: number): ReadableStream<Uint8Array> {
  const hash = Uint32Array.from({ length: records }, () => Math.floor(Math.random() * (HASH_MAX + 1)));
  const t = Int32Array.from({ length: records }, (_, i) => i);
  const bytes = encodeHashes({ hash, t, hyp: new Uint8Array(records) }, FP_VERSION);
  const size = Math.ceil(bytes.length / pieces);
  let i = 0;
  return new ReadableStream({
    async pull(c) {
      if (i > 0) await new Promise((r) => setTimeout(r, gapMs));
      if (i * size >= bytes.length) return c.close();
      c.enqueue(bytes.slice(i * size, ++i * size));
    },
  });
}

describe('bodies declared too large', () => {
  it.each([
    ['/api/v1/identify', 'application/octet-stream', 10_000_000],
    ['/api/recognize', 'multipart/form-data; boundary=x', 200 * 1024 * 1024],
  ])('are refused with 413 on the header at once, while the client is still sending (%s)', async (path, type, declared) => {
    const { hostname, port } = new URL(dev.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: ${type}\r\nContent-Length: ${declared}\r\n\r\n`);
        socket.write(Buffer.alloc(1024));
        // then nothing more for a while: a slow (or malicious) client
      });
      let got = '';
      socket.on('data', (d) => {
        got += d;
        if (got.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(got);
        }
      });
      socket.on('error', reject);
      setTimeout(() => (socket.destroy(), resolve(got || 'no answer')), 8000);
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

// last: it spends this address's identify rate for the rest of the file
describe('identify under its rate limit', () => {
  it('answers every request, 429 with Retry-After once the limit is reached, to clients still sending', async () => {
    // The binding counts in windows aligned to the clock (miniflare's too), so a burst that
    // straddles a boundary may pass up to twice the limit: send until 429s have been seen
    // for a while, at most 400 requests (more than twice any identify limit we set).
    const outcomes: (number | string)[] = [];
    let next = 0;
    let limited = 0;
    const client = async () => {
      while (next < 400 && limited < 24) {
        next++;
        try {
          const res = await fetch(`${dev.url}/api/v1/identify`, {
            method: 'POST',
            headers: { 'content-type': 'application/octet-stream' },
            body: slowBody(25_000, 6, 15),
            duplex: 'half',
          } as RequestInit);
          const body = (await res.json()) as { error?: { code: string } };
          if (res.status === 429) limited++;
          outcomes.push(res.status === 429 ? `429 ${body.error?.code} ${res.headers.get('retry-after')}` : res.status);
        } catch (err) {
          outcomes.push(`failed: ${(err as Error).cause ?? (err as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    const tally = outcomes.reduce<Record<string, number>>((m, o) => ((m[String(o)] = (m[String(o)] ?? 0) + 1), m), {});
    expect(Object.keys(tally).sort(), JSON.stringify(tally)).toEqual(['200', '429 rate_limited 60']);
  }, 180_000);
});
