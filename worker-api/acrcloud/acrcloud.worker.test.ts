// The ACRCloud fallback in workerd against the local stand-in (test/acrcloud/standin.ts),
// which checks every multipart field and the signature: routing by source, parsing,
// retries, faults, caching and the stored detections.
import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { FallbackResponse, IdentifyResponse, IdentifyStatus, IngestRequest } from '../../common/api-types';
import { encodeWav } from '../../dsp/src/decode/index';
import { FP_VERSION } from '../../dsp/src/index';
import worker from '../index';
import { checkResponse } from '../test/check-response';
import { resultKey } from '../results/key';
import { sealAnswer } from '../results/token';
import { ADMIN, api, freshIp, postJson, track as fixtureTrack } from '../test/fixtures';
import type { Step } from '../../test/acrcloud/standin';

type Err = { error: { code: string; message: string } };
let tokens = 0;

async function script(steps: Step[]): Promise<void> {
  await fetch(`${env.ACRCLOUD_HOST}/__script`, { method: 'POST', body: JSON.stringify(steps) });
}
const calls = async () => ((await (await fetch(`${env.ACRCLOUD_HOST}/__calls`)).json()) as { calls: number }).calls;

/**
 * The token of a catalog answer with `status`, and with a candidate of `track`'s metadata
 * when given (a track ingested for it, confidence 0.6).
 */
async function localAnswer(status: IdentifyStatus = 'no_match', track: Partial<IngestRequest> | null = null): Promise<string> {
  const seed = 9000 + ++tokens;
  const matches = [];
  if (track) {
    const res = await postJson('/tracks', fixtureTrack(seed, { title: 'Other', artist: null, isrc: null, ...track }), ADMIN);
    matches.push({ id: ((await res.json()) as { track: { id: number } }).track.id, confidence: 0.6, offset_s: 3, speed: 1 });
  }
  // answers differ by their ms, so no two tokens are the same
  return sealAnswer(await resultKey(env.CATALOG), { status, degraded: false, fp_version: FP_VERSION, ms: seed, matches, issued: Math.floor(Date.now() / 1000) });
}

/** A distinct WAV sample per call (the cache is keyed by content). */
let samples = 0;
function sample(): Uint8Array {
  const x = new Float32Array(8000);
  const f = 220 + 10 * ++samples;
  for (let i = 0; i < x.length; i++) x[i] = 0.3 * Math.sin((2 * Math.PI * f * i) / 8000);
  return encodeWav({ sampleRate: 8000, channels: [x] });
}

function ask(token: string, body: Uint8Array = sample(), headers: Record<string, string> = {}): Promise<Response> {
  return api(`/identify/fallback?token=${token}`, { method: 'POST', headers: { 'content-type': 'audio/wav', ...headers }, body, ip: freshIp() });
}

async function askWith(vars: Record<string, string>, token: string): Promise<Response> {
  const ctx = createExecutionContext();
  const req = new Request(`http://earshot.test/api/v1/identify/fallback?token=${token}`, { method: 'POST', headers: { 'content-type': 'audio/wav', 'cf-connecting-ip': freshIp() }, body: sample() });
  const res = await worker.fetch(req, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  await checkResponse(req.method, req.url, res);
  return res;
}

describe('POST /identify/fallback', () => {
  it('asks ACRCloud with a signed request and answers source acrcloud with its metadata, stored as a detection', async () => {
    await script([]);
    const token = await localAnswer();
    const res = await ask(token);
    expect(res.status).toBe(200);
    const a = (await res.json()) as FallbackResponse;
    expect(a).toMatchObject({ status: 'match', source: 'acrcloud', cached: false, tries: 1, local: null });
    // the token now shows the answer the listener got (a shared link reads it)
    const stored = (await (await api(`/results/${token}`)).json()) as IdentifyResponse;
    expect(stored).toMatchObject({ token, status: 'match', source: 'acrcloud' });
    expect(stored.matches).toEqual([{ track: { id: 0, external_id: null, title: 'Standin Song', artist: 'The Standins', album: 'Local Protocol', isrc: 'GBZZZ2400001', year: 2024 }, confidence: 1, offset_s: 42, speed: 1 }]);
    expect(a.recording).toEqual({
      title: 'Standin Song', artist: 'The Standins', album: 'Local Protocol', acrid: 'acr0000000000000000000000000001', score: 100,
      offset_s: 42, duration_s: 215, label: 'Loopback Records', release_date: '2024-05-01', isrc: 'GBZZZ2400001', upc: '000000000001',
    });
    const row = await env.CATALOG.prepare('SELECT source, status, isrc, acrid, tries FROM detections ORDER BY id DESC LIMIT 1').first();
    expect(row).toEqual({ source: 'acrcloud', status: 'match', isrc: 'GBZZZ2400001', acrid: 'acr0000000000000000000000000001', tries: 1 });
    expect(await calls()).toBe(1);
    const stats = (await (await api('/stats')).json()) as { matches_by_source: Record<string, number> };
    expect(stats.matches_by_source.acrcloud).toBe(1);
    // what ACRCloud named is known to the ISRC lookup (metadata only)
    const isrc = (await (await api('/isrc/GBZZZ2400001')).json()) as { acrcloud: Array<{ title: string; acrid: string }> };
    expect(isrc.acrcloud).toEqual([expect.objectContaining({ title: 'Standin Song', acrid: 'acr0000000000000000000000000001' })]);
  });

  it('says hybrid when the catalog’s unsure guess names the same recording (ISRC, or title and artist)', async () => {
    for (const guess of [{ isrc: 'GBZZZ2400001' }, { title: 'standin song ', artist: 'The Standins' }]) {
      await script([]);
      const a = (await (await ask(await localAnswer('no_match', guess))).json()) as FallbackResponse;
      expect(a.source, JSON.stringify(guess)).toBe('hybrid');
    }
    await script([]);
    const other = (await (await ask(await localAnswer('no_match', { isrc: 'USXXX0000001', title: 'Standin Song' }))).json()) as FallbackResponse;
    expect(other.source).toBe('acrcloud');
  });

  it('keeps a confident local answer and sends nothing to ACRCloud', async () => {
    await script([]);
    const token = await localAnswer('match', { title: 'Ours', isrc: 'ZZESH0000001' });
    const a = (await (await ask(token)).json()) as FallbackResponse;
    expect(a).toMatchObject({ status: 'match', source: 'local', recording: null, local: { track: { title: 'Ours' } } });
    expect(await calls()).toBe(0);
  });

  it('answers the same sample from its cache: the budget is spent once', async () => {
    await script([]);
    const body = sample();
    const first = (await (await ask(await localAnswer(), body)).json()) as FallbackResponse;
    const again = (await (await ask(await localAnswer(), body)).json()) as FallbackResponse;
    expect(first.cached).toBe(false);
    expect(again).toMatchObject({ cached: true, tries: 0, recording: { title: 'Standin Song' } });
    expect(await calls()).toBe(1);
  });

  it('says no_match on 1001', async () => {
    await script([{ kind: 'code', code: 1001 }]);
    expect(await (await ask(await localAnswer())).json()).toMatchObject({ status: 'no_match', source: 'acrcloud', recording: null });
  });

  it('retries 3000, HTTP 5xx and a timeout, at most 3 tries, then gives up with 502', async () => {
    await script([{ kind: 'code', code: 3000 }, { kind: 'http', status: 503 }]);
    expect(await (await ask(await localAnswer())).json()).toMatchObject({ status: 'match', tries: 3 });
    await script([{ kind: 'slow', ms: 4_500 }]);
    expect(await (await ask(await localAnswer())).json()).toMatchObject({ status: 'match', tries: 2 });
    await script([{ kind: 'http', status: 500 }, { kind: 'http', status: 500 }, { kind: 'http', status: 500 }, { kind: 'match', music: { title: 'late', acrid: 'x' } }]);
    const res = await ask(await localAnswer());
    expect(res.status).toBe(502);
    expect(((await res.json()) as Err).error.code).toBe('fallback_upstream');
    expect(await calls()).toBe(3);
  }, 30_000);

  it('takes malformed JSON as an upstream error, not a crash', async () => {
    await script([{ kind: 'malformed' }]);
    const res = await ask(await localAnswer());
    expect(res.status).toBe(502);
    expect(((await res.json()) as Err).error.code).toBe('fallback_upstream');
  });

  it('reports a refused signature as a configuration error, in /health too, until a call succeeds', async () => {
    await script([]);
    const res = await askWith({ ACRCLOUD_ACCESS_SECRET: 'not-the-secret' }, await localAnswer());
    expect(res.status).toBe(502);
    expect(((await res.json()) as Err).error.code).toBe('fallback_misconfigured');
    expect(((await (await api('/health')).json()) as { fallback: string }).fallback).toBe('misconfigured');
    expect((await ask(await localAnswer())).status).toBe(200);
    expect(((await (await api('/health')).json()) as { fallback: string }).fallback).toBe('ok');
  });

  it('refuses what it cannot use: no configuration, a partner key, a non-WAV body, an unknown token', async () => {
    const token = await localAnswer();
    const off = await askWith({ ACRCLOUD_HOST: '' }, token);
    expect(off.status).toBe(503);
    expect(((await off.json()) as Err).error.code).toBe('fallback_unavailable');
    const partner = (await (await postJson('/keys', { name: 'p', origins: ['https://radio.example'] }, ADMIN)).json()) as { key: string };
    const keyed = await ask(token, sample(), { 'x-earshot-key': partner.key, origin: 'https://radio.example' });
    expect(keyed.status).toBe(403);
    expect(((await keyed.json()) as Err).error.code).toBe('audio_not_allowed');
    // a key issued with allow_audio lets its pages ask
    const audio = (await (await postJson('/keys', { name: 'p', origins: ['https://radio.example'], allow_audio: true }, ADMIN)).json()) as { key: string };
    await script([]);
    const allowed = await ask(token, sample(), { 'x-earshot-key': audio.key, origin: 'https://radio.example' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://radio.example');
    expect((await ask(token, new TextEncoder().encode('not a wav file at all, just some text of enough length'))).status).toBe(422);
    expect((await ask('A'.repeat(token.length))).status).toBe(404);
    expect((await api(`/identify/fallback?token=${token}`, { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: new Uint8Array(1024 * 1024 + 1) })).status).toBe(413);
  });
});

// last in this file: the pause it causes holds every later call back
describe('ACRCloud at its requests-per-second limit (3015)', () => {
  it('stops calling for a minute: 503 fallback_busy with Retry-After, and no call meanwhile', async () => {
    await script([{ kind: 'code', code: 3015 }]);
    const first = await ask(await localAnswer());
    expect(first.status).toBe(503);
    expect(((await first.json()) as Err).error.code).toBe('fallback_busy');
    const retry = Number(first.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(50);
    expect(retry).toBeLessThanOrEqual(60);
    expect((await ask(await localAnswer())).status).toBe(503);
    expect(await calls()).toBe(1);
  });
});
