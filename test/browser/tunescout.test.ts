// TuneScout's own pages against Earshot, played by a page on another local origin (its
// allowed_origin) the way TuneScout's clients call the API, without their code: the
// uploader's XMLHttpRequest with FormData `file` and a Bearer token, the web UI's fetch of
// /api/recognize with `file` first and `start`/`duration` after it, and both reading
// `message` when something fails. A page on an origin not allowed gets no answer at all.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { servePartner } from '../../scripts/partner/page.mjs';
import { openApp, type OpenApp } from './app';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/audio/${name}`, import.meta.url)).toString('base64');

/** What TuneScout's pages do, as functions the test calls in the page. */
const CLIENT_PAGE = `<!doctype html><meta charset="utf-8"><title>TuneScout client</title>
<script>
const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const parse = (text) => { try { return JSON.parse(text); } catch { return null; } };
// the uploader: XMLHttpRequest, FormData field "file", a Bearer token, response.message shown per file
window.upload = (api, token, name, b64) => new Promise((resolve) => {
  const form = new FormData();
  form.append('file', new File([bytes(b64)], name));
  const xhr = new XMLHttpRequest();
  xhr.open('POST', api + '/api/fingerprint');
  xhr.setRequestHeader('Authorization', 'Bearer ' + token);
  xhr.onload = () => { const body = parse(xhr.responseText); resolve({ status: xhr.status, message: body && body.message, body }); };
  xhr.onerror = () => resolve({ status: 0, message: null, body: null });
  xhr.send(form);
});
// the web UI: fetch, the file first and start/duration after it, jsonData.message on failure
window.recognize = async (api, name, b64, start, duration) => {
  const form = new FormData();
  form.append('file', new File([bytes(b64)], name));
  form.append('start', String(start));
  form.append('duration', String(duration));
  try {
    const res = await fetch(api + '/api/recognize', { method: 'POST', body: form });
    const body = await res.json();
    return { status: res.status, message: body.message ?? null, body };
  } catch (err) {
    return { status: 0, message: null, body: null };
  }
};
window.fetchResult = async (api, token) => {
  const res = await fetch(api + '/api/fetch/' + token);
  const body = await res.json();
  return { status: res.status, message: body.message ?? null, body };
};
</script>`;

interface Answer {
  status: number;
  message: string | null;
  body: { status?: string; blob_sha1?: string; token?: string; results?: { song_name: string }[] } | null;
}

type Served = Awaited<ReturnType<typeof servePartner>>;
let allowed: Served;
let stranger: Served;
let app: OpenApp | undefined;
const api = inject('baseUrl');
const token = inject('tunescoutToken');

beforeAll(async () => {
  [allowed, stranger] = await Promise.all([servePartner(Number(new URL(inject('tunescoutOrigin')).port), () => CLIENT_PAGE), servePartner(0, () => CLIENT_PAGE)]);
});
afterAll(async () => {
  await Promise.all([allowed?.close(), stranger?.close()]);
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function open(served: Served): Promise<Page> {
  app = await openApp(served.url);
  await app.page.waitForFunction(() => 'upload' in window);
  return app.page;
}

const upload = (page: Page, key: string, name: string, b64: string) =>
  page.evaluate(([a, k, n, b]) => (window as unknown as { upload: (...x: string[]) => Promise<Answer> }).upload(a, k, n, b), [api, key, name, b64]);
const recognize = (page: Page, name: string, b64: string, start: number, duration: number) =>
  page.evaluate(([a, n, b, s, d]) => (window as unknown as { recognize: (...x: unknown[]) => Promise<Answer> }).recognize(a, n, b, s, d), [api, name, b64, start, duration] as const);

describe("TuneScout's pages on their own origin", () => {
  it('the uploader and the web UI get answers in the current form, and read message on every failure', async () => {
    const page = await open(allowed);
    const song = fixture('Glass Harbor.wav');
    const first = await upload(page, token, 'Glass Harbor.wav', song);
    expect(first).toMatchObject({ status: 200, body: { status: 'success' } });
    expect(first.body?.blob_sha1).toMatch(/^[0-9a-f]{40}$/);
    // the uploader drops a file from its list when it reads "Already fingerprinted"
    expect(await upload(page, token, 'copy.wav', song)).toMatchObject({ status: 409, message: 'Already fingerprinted', body: { status: 'error', blob_sha1: first.body!.blob_sha1 } });
    expect(await upload(page, 'wrong-token', 'Glass Harbor.wav', song)).toMatchObject({ status: 401, message: 'Token missing or invalid' });

    const heard = await recognize(page, 'clip.wav', song, 2, 6);
    expect(heard).toMatchObject({ status: 200, body: { status: 'success' } });
    expect(heard.body?.results?.[0].song_name).toBe('Glass Harbor');
    const fetched = await page.evaluate(([a, t]) => (window as unknown as { fetchResult: (...x: string[]) => Promise<Answer> }).fetchResult(a, t), [api, heard.body!.token!]);
    expect(fetched).toMatchObject({ status: 200, body: { status: 'success', token: heard.body!.token } });
    const missing = await page.evaluate(([a]) => (window as unknown as { fetchResult: (...x: string[]) => Promise<Answer> }).fetchResult(a, 'NoSuchToken000000000'), [api]);
    expect(missing).toMatchObject({ status: 404, message: 'The requested data could not be found' });
    const notAudio = await recognize(page, 'notes.txt', Buffer.from('not audio at all '.repeat(64)).toString('base64'), 0, 5);
    expect(notAudio.status).toBe(415);
    expect(notAudio.message).toMatch(/^Failed to process input file/);
  });

  it('a page on an origin not allowed gets neither the preflight nor the answer', async () => {
    const page = await open(stranger);
    const song = fixture('Glass Harbor.wav');
    expect(await upload(page, token, 'Glass Harbor.wav', song)).toEqual({ status: 0, message: null, body: null });
    expect(await recognize(page, 'clip.wav', song, 2, 6)).toEqual({ status: 0, message: null, body: null });
  });
});
