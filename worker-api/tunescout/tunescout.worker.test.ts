// The TuneScout-compatible endpoints inside workerd, with real D1/KV/rate limits and real
// audio files made by the project (test/fixtures/audio, scripts/fixtures/make-audio.ts).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { StatsResponse } from '../../common/api-types';
import type { DejavuResult, FingerprintResponse, RecognizeResponse, TuneScoutError } from '../../common/tunescout-types';
import { decodeWav, downmix, encodeWav } from '../../dsp/src/decode/index';
import { addNoise } from '../../dsp/testing/index';
import { contentSha1 } from '../../dsp/src/index';
import worker from '../index';
import { checkResponse } from '../test/check-response';
import { api, fetchWorker, freshIp } from '../test/fixtures';
import { LOG_WINDOW_MS } from '../stats/log';

const TOKEN = { authorization: 'Bearer test-tunescout-token-0123456789' };
const SONGS = ['Morning Tide.flac', 'Copper Lines.ogg', 'Night Market.mp3', 'Paper Boats.opus', 'Glass Harbor.wav'];
const MIME: Record<string, string> = { flac: 'audio/flac', ogg: 'audio/ogg', mp3: 'audio/mpeg', opus: 'audio/ogg', wav: 'audio/wav' };
type Success = Extract<RecognizeResponse, { token: string }>;
/** TuneScout's error since 2025-12-25, with the older form's `error` beside `message`. */
const tsError = (message: string): TuneScoutError => ({ status: 'error', message, error: message });

function audio(name: string): Uint8Array {
  return Uint8Array.from(atob(inject('audioFixtures')[name]), (c) => c.charCodeAt(0));
}

function form(file: { name: string; bytes: Uint8Array; type?: string } | null, fields: [string, string][] = [], fileFirst = false): FormData {
  const fd = new FormData();
  const addFile = () => file && fd.append('file', new File([file.bytes], file.name, { type: file.type ?? MIME[file.name.split('.').pop()!] }));
  if (fileFirst) addFile();
  for (const [k, v] of fields) fd.append(k, v);
  if (!fileFirst) addFile();
  return fd;
}

function call(path: string, init: RequestInit = {}, ip = freshIp()): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', ip);
  return fetchWorker(`http://earshot.test/api${path}`, { ...init, headers });
}

/** The Worker with other vars (the config under test), same bindings. */
async function callWith(vars: Record<string, string>, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', freshIp());
  const ctx = createExecutionContext();
  const req = new Request(`http://earshot.test/api${path}`, { ...init, headers });
  const res = await worker.fetch(req, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  await checkResponse(req.method, req.url, res);
  return res;
}

const recognize = (body: BodyInit) => call('/recognize', { method: 'POST', body });
const fingerprint = (body: BodyInit, headers: HeadersInit = TOKEN) => call('/fingerprint', { method: 'POST', body, headers });
const sha1s = new Map<string, string>();

beforeAll(async () => {
  for (const name of SONGS) {
    const res = await fingerprint(form({ name, bytes: audio(name) }));
    const body = (await res.json()) as FingerprintResponse;
    expect(res.status, `${name}: ${JSON.stringify(body)}`).toBe(200);
    expect(body.status).toBe('success');
    sha1s.set(name, body.blob_sha1);
  }
});

describe('POST /api/fingerprint', () => {
  it('indexes each format and answers success with the SHA-1 of the decoded audio', async () => {
    for (const name of SONGS) expect(sha1s.get(name)).toMatch(/^[0-9a-f]{40}$/);
    expect(new Set(sha1s.values()).size).toBe(SONGS.length);
    // the catalog's content_sha1 as the CLI and the demo seed compute it, not the file's
    const wav = audio('Glass Harbor.wav');
    expect(sha1s.get('Glass Harbor.wav')).toBe(await contentSha1(decodeWav(wav)));
  });

  it('answers 409 Already fingerprinted for the same audio again, under any file name', async () => {
    const res = await fingerprint(form({ name: 'copy of copper.ogg', bytes: audio('Copper Lines.ogg') }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ status: 'error', message: 'Already fingerprinted', error: 'Already fingerprinted', blob_sha1: sha1s.get('Copper Lines.ogg') });
  });

  it('answers 409 for the same recording in another form (mono, quieter, under noise at 10 dB: half its hashes changed)', async () => {
    const { sampleRate, channels } = decodeWav(audio('Glass Harbor.wav'));
    const mono = downmix(channels);
    const copy = addNoise(mono.map((v) => v * 0.4), 10);
    const res = await fingerprint(form({ name: 'harbor (phone rip).wav', bytes: encodeWav({ sampleRate, channels: [copy] }) }));
    const body = (await res.json()) as TuneScoutError;
    expect(res.status, JSON.stringify(body)).toBe(409);
    expect(body.message).toBe('Already fingerprinted');
    expect(body.blob_sha1).toMatch(/^[0-9a-f]{40}$/);
    expect(body.blob_sha1).not.toBe(sha1s.get('Glass Harbor.wav'));
  });

  it('refuses a missing or wrong token, and everyone when fingerprinting is off or has no token', async () => {
    const file = () => form({ name: 'x.wav', bytes: audio('Glass Harbor.wav') });
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token-0123456789abc' }, { authorization: 'test-tunescout-token-0123456789' }]) {
      const res = await fingerprint(file(), headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(tsError('Token missing or invalid'));
    }
    for (const vars of [{ TUNESCOUT_FINGERPRINTING_ALLOW: 'false' }, { TUNESCOUT_TOKEN: '' }] as Record<string, string>[]) {
      const res = await callWith(vars, '/fingerprint', { method: 'POST', body: file(), headers: TOKEN });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(tsError('Fingerprinting not allowed'));
    }
  });

  it('answers 400 without a file part and 405 for a file without a name', async () => {
    const none = await fingerprint(form(null, [['start', '0']]));
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual(tsError('No file part in the request'));
    const nameless = await fingerprint(form({ name: '', bytes: audio('Glass Harbor.wav') }));
    expect(nameless.status).toBe(405);
    expect(await nameless.json()).toEqual(tsError('Empty song name'));
  });

  it('refuses silence with a clear 422 and indexes nothing', async () => {
    const silent = encodeWav({ sampleRate: 8000, channels: [new Float32Array(8000 * 3)] });
    const res = await fingerprint(form({ name: 'quiet.wav', bytes: silent }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as TuneScoutError).message).toMatch(/^Failed to process input file: silent/);
    const list = await api('/tracks?q=quiet', { ip: freshIp() });
    expect(((await list.json()) as { total: number }).total).toBe(0);
  });
});

describe('POST /api/recognize', () => {
  let answer: Success;

  beforeAll(async () => {
    const res = await recognize(form({ name: 'clip.mp3', bytes: audio('copper-lines-noisy-clip.mp3') }));
    expect(res.status).toBe(200);
    answer = (await res.json()) as Success;
  });

  it('names the song of a noisy low-rate MP3 clip with dejavu fields, best first', () => {
    expect(answer.status).toBe('success');
    expect(answer.token).toMatch(/^[A-Za-z0-9]{20}$/);
    const best: DejavuResult = answer.results[0];
    expect(best.song_name).toBe('Copper Lines');
    expect(best.file_sha1).toBe(sha1s.get('Copper Lines.ogg'));
    // the clip starts 6 s into the song
    expect(Math.abs(best.offset_seconds - 6)).toBeLessThan(0.1);
    expect(best.hashes_matched_in_input).toBeGreaterThan(10);
    expect(best.hashes_matched_in_input).toBeLessThanOrEqual(best.input_total_hashes);
    expect(best.input_confidence).toBe(Math.round((best.hashes_matched_in_input / best.input_total_hashes) * 100) / 100);
    expect(best.fingerprinted_confidence).toBe(Math.round((best.hashes_matched_in_input / best.fingerprinted_hashes_in_db) * 100) / 100);
    expect(Object.keys(best).sort()).toEqual(
      ['file_sha1', 'fingerprinted_confidence', 'fingerprinted_hashes_in_db', 'hashes_matched_in_input', 'input_confidence', 'input_total_hashes', 'offset', 'offset_seconds', 'song_id', 'song_name'].sort(),
    );
    expect(answer.results.length).toBeLessThanOrEqual(3);
  });

  it('keeps the answer for GET /api/fetch/<token>; unknown tokens are 404', async () => {
    const res = await call(`/fetch/${answer.token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(answer);
    for (const token of ['AAAAAAAAAAAAAAAAAAAA', 'short', 'x'.repeat(200)]) {
      const missing = await call(`/fetch/${token}`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual(tsError('The requested data could not be found'));
    }
  });

  it('recognizes every format it fingerprints', async () => {
    for (const name of SONGS) {
      const body = (await (await recognize(form({ name, bytes: audio(name) }))).json()) as Success;
      expect(body.results?.[0]?.song_name, name).toBe(name.replace(/\.\w+$/, ''));
    }
  });

  it('cuts start and duration first, whether the fields come before the file (requests) or after it (the web UI)', async () => {
    const file = { name: 'market.mp3', bytes: audio('Night Market.mp3') };
    const fields: [string, string][] = [['start', '9'], ['duration', '6']];
    for (const fileFirst of [false, true]) {
      const body = (await (await recognize(form(file, fields, fileFirst))).json()) as Success;
      expect(body.results[0].song_name).toBe('Night Market');
      expect(Math.abs(body.results[0].offset_seconds - 9), `file first: ${fileFirst}`).toBeLessThan(0.1);
      // 6 s of audio, not the whole file: about 6 s of as-heard records
      const whole = (await (await recognize(form(file))).json()) as Success;
      expect(body.results[0].input_total_hashes).toBeLessThan(whole.results[0].input_total_hashes * 0.6);
    }
  });

  it('hears only max_duration of a file sent before its fields, and decodes again up to the window when the fields ask for later audio', async () => {
    const file = { name: 'market.mp3', bytes: audio('Night Market.mp3') };
    const short = { TUNESCOUT_MAX_DURATION_S: '5' };
    const head = (await (await callWith(short, '/recognize', { method: 'POST', body: form(file) })).json()) as Success;
    const later = (await (await callWith(short, '/recognize', { method: 'POST', body: form(file, [['start', '9'], ['duration', '5']], true) })).json()) as Success;
    expect(head.results[0].song_name).toBe('Night Market');
    expect(Math.abs(head.results[0].offset_seconds)).toBeLessThan(0.1);
    expect(later.results[0].song_name).toBe('Night Market');
    expect(Math.abs(later.results[0].offset_seconds - 9)).toBeLessThan(0.1);
    // both heard 5 s: about the same number of as-heard records
    expect(later.results[0].input_total_hashes / head.results[0].input_total_hashes).toBeGreaterThan(0.6);
    expect(later.results[0].input_total_hashes / head.results[0].input_total_hashes).toBeLessThan(1.6);
  });

  it('answers {"status": "success", "results": []} for a song that is not in the catalog, and /stats counts it', async () => {
    const stats = async () => ((await (await api('/stats', { ip: freshIp() })).json()) as StatsResponse).identify;
    // earlier tests' answers may still wait in the log's window: count from a quiet log
    let before = await stats();
    for (let quiet = false; !quiet; ) {
      await new Promise((r) => setTimeout(r, 2 * LOG_WINDOW_MS));
      const now = await stats();
      quiet = now.count === before.count;
      before = now;
    }
    const res = await recognize(form({ name: 'new.ogg', bytes: audio('never-indexed.ogg') }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'success', results: [] });
    // the log is written a window after the answer
    await vi.waitFor(async () => expect((await stats()).count).toBe(before.count + 1), { timeout: 5 * LOG_WINDOW_MS, interval: 50 });
  });

  it('never crashes on bad uploads: each gets a clear JSON error', async () => {
    const text = new TextEncoder().encode('{"this": "is not audio"}'.repeat(40));
    const flac = audio('Morning Tide.flac');
    const cases: [BodyInit | null, string | null, number, RegExp][] = [
      [form(null, [['start', '0']]), null, 400, /^No file part in the request$/],
      ['file=abc', 'application/x-www-form-urlencoded', 400, /^No file part in the request$/],
      [form({ name: 'empty.mp3', bytes: new Uint8Array(0) }), null, 422, /empty/],
      [form({ name: 'song.mp3', bytes: text, type: 'audio/mpeg' }), null, 415, /^Failed to process input file: .*supported: WAV, AIFF, MP3/],
      [form({ name: 'cut.flac', bytes: flac.subarray(0, 300) }), null, 422, /^Failed to process input file/],
      [form({ name: 'x.mp3', bytes: audio('Night Market.mp3') }, [['start', 'soon']]), null, 400, /start must be a number of seconds/],
      [form({ name: 'x.mp3', bytes: audio('Night Market.mp3') }, [['duration', '0']]), null, 400, /duration must be more than 0/],
      ['--abc\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n\r\nRIFF', 'multipart/form-data; boundary=abc', 400, /^Bad request: .*closing boundary/],
    ];
    for (const [body, type, status, message] of cases) {
      const res = await call('/recognize', { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
      const json = (await res.json()) as TuneScoutError;
      expect(res.status, json.message).toBe(status);
      expect(json.message).toMatch(message);
      expect(json).toEqual(tsError(json.message));
    }
  });

  it('answers 413 over max_file_size_mb, counted on the bytes read', async () => {
    const res = await callWith({ TUNESCOUT_MAX_FILE_SIZE_MB: '0.1' }, '/recognize', { method: 'POST', body: form({ name: 'm.flac', bytes: audio('Morning Tide.flac') }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(tsError('File exceeds the 0.1 MB limit'));
  });
});

describe('limits, CORS and methods', () => {
  it('rate-limits each endpoint per address with 429 and Retry-After', async () => {
    const WINDOW_MS = 10_000;
    for (const [path, method, limit] of [['/fingerprint', 'POST', 100], ['/recognize', 'POST', 100], ['/fetch/AAAAAAAAAAAAAAAAAAAA', 'GET', 500]] as const) {
      // the limiter counts in wall-clock windows of 10 s: a burst that straddles two (a slow,
      // loaded machine) proves nothing about the limit, so it runs again in a fresh window
      let res: Response;
      for (let attempt = 1; ; attempt++) {
        const ip = freshIp();
        const left = WINDOW_MS - (Date.now() % WINDOW_MS);
        if (left < 4_000) await new Promise((r) => setTimeout(r, left + 50));
        const window = Math.floor(Date.now() / WINDOW_MS);
        for (let i = 0; i < limit; i++) expect((await call(path, { method }, ip)).status).not.toBe(429);
        res = await call(path, { method }, ip);
        if (Math.floor(Date.now() / WINDOW_MS) === window || attempt === 3) break;
      }
      expect(res.status, path).toBe(429);
      expect(res.headers.get('retry-after')).toBe('10');
      expect(await res.json()).toEqual(tsError('Too many requests'));
    }
  });

  it('allows the configured origins only', async () => {
    const preflight = (origin: string) =>
      callWith({ TUNESCOUT_ALLOWED_ORIGIN: 'https://ui.example, https://up.example' }, '/fingerprint', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    expect((await preflight('https://up.example')).headers.get('access-control-allow-origin')).toBe('https://up.example');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 405 for other methods and 404 for other paths outside /api/v1, in TuneScout wording', async () => {
    const res = await call('/recognize');
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual(tsError('Method not allowed'));
    const missing = await call('/songs');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual(tsError('Endpoint not found'));
  });
});
