// End to end as a TuneScout user: a real `wrangler dev`, and Python `requests` posting real
// files (field `file`, file name, MIME type) to /api/fingerprint, /api/recognize and
// /api/fetch/<token> exactly as TuneScout's scripts do.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FingerprintResponse, RecognizeResponse, TuneScoutError } from '../../common/tunescout-types';
import { type DevServer, startDev } from './wrangler-dev';

const TOKEN = 'e2e-tunescout-token-0123456789';
const fixtures = new URL('../fixtures/audio/', import.meta.url).pathname;
const client = new URL('./tunescout_client.py', import.meta.url).pathname;
let dev: DevServer;
/** TuneScout's error since 2025-12-25, `error` kept beside `message` for older clients. */
const tsError = (message: string): TuneScoutError => ({ status: 'error', message, error: message });

/** Runs the Python client; one {status, body} per request it made. */
function python<T>(...args: string[]): { status: number; body: T }[] {
  const out = execFileSync('python3', [client, dev.url, ...args], { encoding: 'utf8' });
  return out.trim().split('\n').map((line) => JSON.parse(line));
}

beforeAll(async () => {
  dev = await startDev({ TUNESCOUT_TOKEN: TOKEN });
});

afterAll(async () => {
  await dev?.stop();
});

describe('TuneScout clients against Earshot', () => {
  it('fingerprint a few tracks, recognize a degraded clip of one, fetch it by token', () => {
    const songs = ['Morning Tide.flac', 'Copper Lines.ogg', 'Night Market.mp3', 'Paper Boats.opus'];
    const indexed = python<FingerprintResponse>('fingerprint', TOKEN, ...songs.map((s) => fixtures + s));
    expect(indexed.map((r) => [r.status, r.body.status])).toEqual(songs.map(() => [200, 'success']));
    expect(python<FingerprintResponse>('fingerprint', TOKEN, fixtures + 'Copper Lines.ogg')[0]).toEqual({
      status: 409,
      body: { status: 'error', message: 'Already fingerprinted', error: 'Already fingerprinted', blob_sha1: indexed[1].body.blob_sha1 },
    });
    expect(python('fingerprint', 'not-the-token', fixtures + 'Glass Harbor.wav')[0]).toEqual({ status: 401, body: tsError('Token missing or invalid') });

    const [heard] = python<Extract<RecognizeResponse, { token: string }>>('recognize', fixtures + 'copper-lines-noisy-clip.mp3', '0', '10');
    expect(heard.status).toBe(200);
    expect(heard.body.status).toBe('success');
    expect(heard.body.results[0].song_name).toBe('Copper Lines');
    expect(heard.body.results[0].file_sha1).toBe(indexed[1].body.blob_sha1);
    expect(Math.abs(heard.body.results[0].offset_seconds - 6)).toBeLessThan(0.1);

    expect(python('fetch', heard.body.token)[0]).toEqual({ status: 200, body: heard.body });
    expect(python('fetch', 'NoSuchToken000000000')[0]).toEqual({ status: 404, body: tsError('The requested data could not be found') });
    expect(python('recognize', fixtures + 'never-indexed.ogg')[0]).toEqual({ status: 200, body: { status: 'success', results: [] } });
  });
});
