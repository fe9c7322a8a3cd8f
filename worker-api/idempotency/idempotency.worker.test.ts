// The idempotency store in workerd with the real catalog D1: replays, a reused key with
// other hashes, concurrent retries counted once, stale claims, expiry and the cleanup.
import { env } from 'cloudflare:workers';
import { createScheduledController } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeHashes } from '../../common/wire';
import type { IdentifyResponse } from '../../common/api-types';
import { FP_VERSION } from '../../dsp/src/index';
import worker from '../index';
import { queryLogStatements } from '../stats/log';
import { ADMIN, api, freshIp, postJson, syntheticHashes, track } from '../test/fixtures';
import { claimKey, IDEMPOTENCY_TTL_S, purgeExpired, settleStatement, STALE_CLAIM_MS } from './index';

type Err = { error: { code: string; message: string } };

/** Five seconds of track `seed`'s records, as a query would hear them. */
function clip(seed: number) {
  const full = syntheticHashes(seed, 20);
  const keep = full.t.map((t, i) => i).filter((i) => full.t[i] >= 300 && full.t[i] < 612);
  return {
    hash: Uint32Array.from(keep.map((i) => full.hash[i])),
    t: Int32Array.from(keep.map((i) => full.t[i] - 300)),
    hyp: new Uint8Array(keep.length),
  };
}

const send = (body: BodyInit, key: string, type = 'application/octet-stream', extra: Record<string, string> = {}) =>
  api('/identify', { method: 'POST', headers: { 'content-type': type, 'idempotency-key': key, ...extra }, body, ip: freshIp() });
const identifyCount = async () => ((await (await api('/stats')).json()) as { identify: { count: number } }).identify.count;

beforeAll(async () => {
  for (const seed of [31, 32]) expect((await postJson('/tracks', track(seed), ADMIN)).status).toBe(201);
});

describe('Idempotency-Key on POST /identify', () => {
  it('answers a retry with the first answer, counted once, whatever the body encoding', async () => {
    const before = await identifyCount();
    const b = clip(31);
    const first = await send(encodeHashes(b, FP_VERSION), 'rec-replay-0001');
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const answer = (await first.json()) as IdentifyResponse;
    expect(answer.status).toBe('match');
    // the same records as JSON: the same recording
    const json = JSON.stringify({ fp_version: FP_VERSION, hashes: { hash: [...b.hash], t: [...b.t], hyp: [...b.hyp] } });
    for (const retry of [await send(encodeHashes(b, FP_VERSION), 'rec-replay-0001'), await send(json, 'rec-replay-0001', 'application/json')]) {
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await retry.json()).toEqual(answer);
    }
    expect(await identifyCount()).toBe(before + 1);
  });

  it('refuses the same key with other hashes (422 idempotency_key_reused), and counts nothing for it', async () => {
    expect((await send(encodeHashes(clip(31), FP_VERSION), 'rec-reused-0001')).status).toBe(200);
    const before = await identifyCount();
    const other = await send(encodeHashes(clip(32), FP_VERSION), 'rec-reused-0001');
    expect(other.status).toBe(422);
    expect(((await other.json()) as Err).error.code).toBe('idempotency_key_reused');
    // an empty body is no retry either
    expect((await send(new Uint8Array(0), 'rec-reused-0001')).status).toBe(400);
    expect(await identifyCount()).toBe(before);
  });

  it('counts concurrent requests with one key once; each gets the answer or a 409 to retry', async () => {
    const before = await identifyCount();
    const body = encodeHashes(clip(32), FP_VERSION);
    const answers = await Promise.all(Array.from({ length: 8 }, () => send(body, 'rec-concurrent-01')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    for (const r of answers.filter((r) => r.status === 409)) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(((await r.json()) as Err).error.code).toBe('idempotency_in_progress');
    }
    const bodies = await Promise.all(answers.filter((r) => r.status === 200).map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    const last = await send(body, 'rec-concurrent-01');
    expect(last.status).toBe(200);
    expect(await last.text()).toBe(bodies[0]);
    expect(await identifyCount()).toBe(before + 1);
  });
});

describe('the store', () => {
  const db = () => env.CATALOG;
  const count = async () => (await db().prepare('SELECT count FROM query_totals WHERE id = 1').first<{ count: number }>())!.count;

  it('lets a retry take over a stale claim; the dead claim can then neither store nor count', async () => {
    const t0 = 1_000_000;
    const first = await claimKey(db(), 'rec-stale-00001', 'd1', t0);
    expect('claim' in first).toBe(true);
    // still fresh: the retry waits
    await expect(claimKey(db(), 'rec-stale-00001', 'd1', t0 + STALE_CLAIM_MS - 1)).rejects.toMatchObject({ status: 409 });
    const second = await claimKey(db(), 'rec-stale-00001', 'd1', t0 + STALE_CLAIM_MS);
    expect('claim' in second).toBe(true);
    const before = await count();
    if (!('claim' in first) || !('claim' in second)) throw new Error('unreachable');
    await db().batch([settleStatement(db(), first.claim, '"late"'), ...queryLogStatements(db(), [{ status: 'match', ms: 1 }], true)]);
    expect(await count()).toBe(before);
    await db().batch([settleStatement(db(), second.claim, '"mine"'), ...queryLogStatements(db(), [{ status: 'match', ms: 1 }], true)]);
    expect(await count()).toBe(before + 1);
    expect(await claimKey(db(), 'rec-stale-00001', 'd1', t0 + STALE_CLAIM_MS + 5)).toEqual({ replay: '"mine"' });
  });

  it(`forgets a key ${IDEMPOTENCY_TTL_S / 86_400} days after its first request`, async () => {
    const t0 = 2_000_000;
    const c = await claimKey(db(), 'rec-expiry-0001', 'd1', t0);
    if (!('claim' in c)) throw new Error('not claimed');
    await db().batch([settleStatement(db(), c.claim, '"first"')]);
    const ttl = IDEMPOTENCY_TTL_S * 1000;
    expect(await claimKey(db(), 'rec-expiry-0001', 'd1', t0 + ttl - 1)).toEqual({ replay: '"first"' });
    // expired: a new request with it is a new recording, other hashes or not
    expect('claim' in (await claimKey(db(), 'rec-expiry-0001', 'd2', t0 + ttl))).toBe(true);
  });

  it('is cleaned by the Cron Trigger: expired keys go, live ones stay', async () => {
    const now = Date.now();
    const rows = Array.from({ length: 1200 }, (_, i) => [`rec-purge-${String(i).padStart(5, '0')}`, 'd', null, now, i < 1100 ? now - 1 : now + 60_000]);
    await db()
      .prepare('INSERT INTO idempotency (key, body_sha256, answer, claimed_at, expires_at) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?1)')
      .bind(JSON.stringify(rows))
      .run();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '17 * * * *' }), env);
    const left = await db().prepare("SELECT COUNT(*) AS n FROM idempotency WHERE key LIKE 'rec-purge-%'").first<{ n: number }>();
    expect(left!.n).toBe(100);
    expect(await purgeExpired(db(), now)).toBe(0);
  });
});
