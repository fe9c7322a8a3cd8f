// Partner keys in workerd with the real catalog D1 and Durable Objects: issued once and
// stored hashed, bound to origins, rotated with a grace period, revoked at once, metered
// per key (rate, daily quota at the UTC day boundary, under concurrency).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyUsage, PartnerKey, PartnerKeyIssued } from '../../common/api-types';
import { encodeHashes } from '../../common/wire';
import { FP_VERSION } from '../../dsp/src/index';
import { ADMIN, api, freshIp, postJson, syntheticHashes, track } from '../test/fixtures';
import { meterOf } from './gate';
import { findKey, keyHash, ROTATION_GRACE_S } from './store';

type Err = { error: { code: string; message: string } };
const PARTNER = 'https://radio.example';

async function issue(over: Record<string, unknown> = {}): Promise<PartnerKeyIssued> {
  const res = await postJson('/keys', { name: 'Radio Example', origins: [PARTNER, 'http://127.0.0.1:5173'], ...over });
  expect(res.status).toBe(201);
  return (await res.json()) as PartnerKeyIssued;
}

/** Five seconds of track 41's records, as a query would hear them. */
function clip(): Uint8Array {
  const full = syntheticHashes(41, 20);
  const keep = full.t.map((_, i) => i).filter((i) => full.t[i] >= 300 && full.t[i] < 612);
  return encodeHashes({ hash: Uint32Array.from(keep.map((i) => full.hash[i])), t: Int32Array.from(keep.map((i) => full.t[i] - 300)), hyp: new Uint8Array(keep.length) }, FP_VERSION);
}

function keyed(key: string, origin: string | null, viaQuery = false): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (origin) headers.origin = origin;
  if (!viaQuery) headers['x-earshot-key'] = key;
  return api(`/identify${viaQuery ? `?key=${encodeURIComponent(key)}` : ''}`, { method: 'POST', headers, body: clip(), ip: freshIp() });
}
const usageOf = async (id: string) => ((await (await api(`/keys/${id}/usage?days=2`, { headers: ADMIN })).json()) as KeyUsage).days[0];

beforeAll(async () => {
  expect((await postJson('/tracks', track(41), ADMIN)).status).toBe(201);
});

describe('issuing keys', () => {
  it('shows the key once and stores only its SHA-256', async () => {
    const k = await issue();
    expect(k.key).toMatch(/^esk_[A-Za-z0-9_-]{43}$/);
    expect(k).toMatchObject({ name: 'Radio Example', origins: ['http://127.0.0.1:5173', PARTNER], rate_limit_per_min: 60, daily_quota: 10_000, allow_audio: false, revoked_at: null });
    const row = await env.CATALOG.prepare('SELECT * FROM api_keys WHERE id = ?').bind(k.id).first<Record<string, unknown>>();
    expect(row!.key_hash).toBe(await keyHash(k.key));
    expect(JSON.stringify(row)).not.toContain(k.key.slice(4));
    const listed = await (await api('/keys', { headers: ADMIN })).text();
    expect(listed).toContain(k.id);
    expect(listed).not.toContain(k.key.slice(4));
    expect((JSON.parse(listed) as { keys: PartnerKey[] }).keys.every((x) => !('key' in x))).toBe(true);
  });

  it('takes exact origins in the form browsers send, and refuses null, wildcards and paths', async () => {
    const k = await issue({ origins: ['HTTPS://Shop.Example:443/', 'https://shop.example'] });
    expect(k.origins).toEqual(['https://shop.example']);
    for (const bad of ['null', 'https://*.radio.example', 'https://radio.example/player', 'radio.example']) {
      const res = await postJson('/keys', { name: 'x', origins: [PARTNER, bad] });
      expect(res.status, bad).toBe(422);
      expect(((await res.json()) as Err).error.message).toContain('body.origins[1]');
    }
    expect((await postJson('/keys', { name: 'x', origins: [] })).status).toBe(422);
    expect((await postJson('/keys', { name: 'x', origins: [PARTNER] }, {})).status).toBe(401);
  });
});

describe('a keyed identify', () => {
  it('is answered on the key’s origins only: scheme, port and host must match; case and a default port do not matter', async () => {
    const k = await issue();
    const ok = await keyed(k.key, PARTNER);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect((await keyed(k.key, 'HTTPS://RADIO.EXAMPLE:443')).status).toBe(200);
    expect((await keyed(k.key, 'http://127.0.0.1:5173', true)).status).toBe(200);
    for (const other of ['http://radio.example', 'https://radio.example:8443', 'https://evil.example', 'http://127.0.0.1:5174', 'null', null]) {
      const res = await keyed(k.key, other);
      expect(res.status, String(other)).toBe(403);
      expect(((await res.json()) as Err).error.code).toBe('origin_not_allowed');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    const u = await usageOf(k.id);
    expect(u).toMatchObject({ requests: 3, matches: 3, refusals: 6 });
  });

  it('answers a preflight for an origin some live key lists, and no other', async () => {
    await issue({ origins: ['https://preflight.example'] });
    const preflight = (origin: string, path = '/identify') =>
      api(path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-earshot-key' } });
    const yes = await preflight('https://preflight.example');
    expect(yes.headers.get('access-control-allow-origin')).toBe('https://preflight.example');
    expect(yes.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-earshot-key');
    expect((await preflight('https://nobody.example')).headers.get('access-control-allow-origin')).toBeNull();
    // partner pages may identify, not read the catalog
    expect((await preflight('https://preflight.example', '/tracks')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a key that was never issued, or is malformed, with 401 key_invalid', async () => {
    for (const bad of ['esk_' + 'A'.repeat(43), 'not-a-key']) {
      const res = await keyed(bad, PARTNER);
      expect(res.status).toBe(401);
      expect(((await res.json()) as Err).error.code).toBe('key_invalid');
    }
  });
});

describe('rotation and revocation', () => {
  it('keeps the old key working for the grace period after a rotation; a revocation ends both at once', async () => {
    const k = await issue();
    const res = await api(`/keys/${k.id}/rotate`, { method: 'POST', headers: ADMIN });
    expect(res.status).toBe(200);
    const r = (await res.json()) as PartnerKeyIssued;
    expect(r.key).not.toBe(k.key);
    expect(r.id).toBe(k.id);
    expect(Date.parse(r.previous_key_valid_until!) - Date.parse(r.rotated_at!)).toBe(ROTATION_GRACE_S * 1000);
    expect((await keyed(k.key, PARTNER)).status).toBe(200);
    expect((await keyed(r.key, PARTNER)).status).toBe(200);
    // past the grace period the old key is no key
    const later = Date.parse(r.previous_key_valid_until!) + 1;
    expect(await findKey(env.CATALOG, k.key, later)).toBeNull();
    expect((await findKey(env.CATALOG, r.key, later))?.id).toBe(k.id);

    const del = await api(`/keys/${k.id}`, { method: 'DELETE', headers: ADMIN });
    expect(del.status).toBe(200);
    expect(((await del.json()) as PartnerKey).revoked_at).not.toBeNull();
    for (const gone of [k.key, r.key]) expect((await keyed(gone, PARTNER)).status).toBe(401);
    expect((await api(`/keys/${k.id}/rotate`, { method: 'POST', headers: ADMIN })).status).toBe(404);
    expect((await api('/keys/key_AAAAAAAAAAAA', { method: 'DELETE', headers: ADMIN })).status).toBe(404);
  });
});

describe('metering per key', () => {
  it('limits each key to its own rate, with Retry-After, whatever the address', async () => {
    const slow = await issue({ rate_limit_per_min: 3 });
    const other = await issue({ rate_limit_per_min: 3 });
    for (let i = 0; i < 3; i++) expect((await keyed(slow.key, PARTNER)).status).toBe(200);
    const over = await keyed(slow.key, PARTNER);
    expect(over.status).toBe(429);
    expect(((await over.json()) as Err).error.code).toBe('rate_limited');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    expect((await keyed(other.key, PARTNER)).status).toBe(200);
    expect(await usageOf(slow.id)).toMatchObject({ requests: 3, refusals: 1 });
  });

  it('ends a daily quota at the UTC day boundary, counting refusals', async () => {
    const meter = meterOf(env, 'quota-boundary-test');
    const limits = { ratePerMin: 1000, dailyQuota: 2 };
    const lastSecond = Date.parse('2026-12-02T23:59:59.000Z');
    expect(await meter.admit(limits, lastSecond)).toEqual({ ok: true });
    expect(await meter.admit(limits, lastSecond + 100)).toEqual({ ok: true });
    expect(await meter.admit(limits, lastSecond + 200)).toEqual({ ok: false, code: 'quota_exceeded', retryAfterS: 1 });
    expect(await meter.admit(limits, Date.parse('2026-12-03T00:00:00.000Z'))).toEqual({ ok: true });
    const [today, yesterday] = await meter.usage(2, Date.parse('2026-12-03T12:00:00Z'));
    expect(today).toEqual({ day: '2026-12-03', requests: 1, matches: 0, refusals: 0 });
    expect(yesterday).toEqual({ day: '2026-12-02', requests: 2, matches: 0, refusals: 1 });
  });

  it('counts exactly under concurrency: 50 at once against a quota of 30', async () => {
    const k = await issue({ daily_quota: 30, rate_limit_per_min: 1000 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => keyed(k.key, PARTNER)));
    const codes = await Promise.all(answers.map(async (r) => (r.status === 200 ? 'ok' : ((await r.json()) as Err).error.code)));
    expect(codes.filter((c) => c === 'ok').length).toBe(30);
    expect(codes.filter((c) => c === 'quota_exceeded').length).toBe(20);
    expect(await usageOf(k.id)).toMatchObject({ requests: 30, refusals: 20 });
  });
});

describe('GET /partner (the widget’s check)', () => {
  it('tells any page whether the key works on its origin', async () => {
    const k = await issue();
    const check = (origin: string, key = k.key) => api(`/partner?key=${encodeURIComponent(key)}`, { headers: { origin } });
    const ok = await check(PARTNER);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ name: 'Radio Example', fallback: false });
    const foreign = await check('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await foreign.json()) as Err).error.code).toBe('origin_not_allowed');
    await api(`/keys/${k.id}`, { method: 'DELETE', headers: ADMIN });
    expect((await check(PARTNER)).status).toBe(401);
  });
});
