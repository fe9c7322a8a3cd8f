import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { encodeHashes } from '../../common/wire';
import type { IdentifyResponse, StatsResponse, TrackList } from '../../common/api-types';
import { FP_VERSION } from '../../dsp/src/index';
import { ADMIN, api, postJson, syntheticHashes, track } from '../test/fixtures';
import { LOG_WINDOW_MS, RECENT, logQuery, queryLogStatements } from './log';

const stats = async () => (await (await api('/stats')).json()) as StatsResponse;

/** Stats once the query log (written a window after the answer, in waitUntil) has `count` answers. */
async function statsAt(count: number): Promise<StatsResponse> {
  return vi.waitFor(
    async () => {
      const s = await stats();
      if (s.identify.count < count) throw new Error(`${s.identify.count} of ${count} answers logged`);
      return s;
    },
    { timeout: 5 * LOG_WINDOW_MS, interval: 50 },
  );
}

const totals = () => env.CATALOG.prepare('SELECT count, matches FROM query_totals WHERE id = 1').first<{ count: number; matches: number }>();
const slot = (n: number) => env.CATALOG.prepare('SELECT ms FROM query_latency WHERE slot = ?1').bind(n % RECENT).first<number>('ms');

describe('GET /stats', () => {
  it('counts tracks, hours, rows, index bytes and identify answers', async () => {
    const empty = await stats();
    expect(empty).toMatchObject({ tracks: 0, hours: 0, hash_rows: 0, shards: 2, degraded: false, identify: { count: 0, match_rate: 0 } });
    for (const seed of [1, 2, 3]) await postJson('/tracks', track(seed, { duration_s: 120, hashes: syntheticHashes(seed, 120) }));
    const q = syntheticHashes(2, 120);
    const hit = { hash: Uint32Array.from(q.hash.slice(0, 200)), t: Int32Array.from(q.t.slice(0, 200)), hyp: new Uint8Array(200) };
    const miss = { hash: Uint32Array.from(syntheticHashes(50, 5).hash), t: Int32Array.from(syntheticHashes(50, 5).t), hyp: new Uint8Array(150) };
    const statuses: string[] = [];
    for (const b of [hit, hit, hit, miss]) {
      const res = await api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: encodeHashes(b, FP_VERSION) });
      statuses.push(((await res.json()) as IdentifyResponse).status);
    }
    expect(statuses).toEqual(['match', 'match', 'match', 'no_match']);
    const s = await statsAt(4);
    expect(s.tracks).toBe(3);
    expect(s.hours).toBeCloseTo(0.1, 3);
    expect(s.hash_rows).toBe(3 * 3600);
    expect(s.index_bytes).toBeGreaterThan(empty.index_bytes);
    expect(s.index_bytes_per_hour).toBe(Math.round(s.index_bytes / s.hours));
    expect(s.identify.count).toBe(4);
    expect(s.identify.match_rate).toBe(0.75);
    expect(s.identify.p95_ms).toBeGreaterThanOrEqual(s.identify.p50_ms);
  });

  it('keeps the totals exact through deletes and refused ingests', async () => {
    const list = (await (await api('/tracks?external_id=ext-1')).json()) as TrackList;
    expect((await api(`/tracks/${list.tracks[0].id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await postJson('/tracks', track(1, { fp_version: 99 }))).status).toBe(422);
    const s = await stats();
    expect(s).toMatchObject({ tracks: 2, hash_rows: 2 * 3600 });
    expect(s.hours).toBeCloseTo(2 * 120 / 3600, 3);
  });

  it('keeps the latencies of the last answers in a ring: the catalog does not grow per query', async () => {
    // as if RECENT - 1 more answers had come, each 12345 ms
    const before = (await stats()).identify;
    await env.CATALOG.prepare('UPDATE query_totals SET count = count + ?1 WHERE id = 1').bind(RECENT - 1).run();
    await env.CATALOG.prepare(
      'WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ?1 - 1) INSERT OR REPLACE INTO query_latency (slot, ms) SELECT i, 12345 FROM k',
    )
      .bind(RECENT)
      .run();
    const q = { hash: Uint32Array.from(syntheticHashes(60, 5).hash), t: Int32Array.from(syntheticHashes(60, 5).t), hyp: new Uint8Array(150) };
    for (let i = 0; i < 2; i++) await api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: encodeHashes(q, FP_VERSION) });
    const s = await statsAt(before.count + RECENT + 1);
    expect(s.identify.count).toBe(before.count + RECENT + 1);
    const slots = await env.CATALOG.prepare('SELECT COUNT(*) AS n, SUM(ms < 12345) AS fresh FROM query_latency').first<{ n: number; fresh: number }>();
    expect(slots).toEqual({ n: RECENT, fresh: 2 });
  });

  it("writes an isolate's answers of one window in one batch, each in its slot", async () => {
    const before = await totals();
    const pending: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p) };
    logQuery(env.CATALOG, ctx, { status: 'match', ms: 11 });
    logQuery(env.CATALOG, ctx, { status: 'no_match', ms: 22 });
    logQuery(env.CATALOG, ctx, { status: 'match', ms: 33 });
    expect(pending).toHaveLength(1);
    expect(await totals()).toEqual(before);
    await Promise.all(pending);
    const after = await totals();
    expect(after).toEqual({ count: before!.count + 3, matches: before!.matches + 2 });
    expect([await slot(after!.count - 2), await slot(after!.count - 1), await slot(after!.count)]).toEqual([11, 22, 33]);
    // the next answer opens a window of its own
    logQuery(env.CATALOG, ctx, { status: 'no_match', ms: 44 });
    expect(pending).toHaveLength(2);
    await pending[1];
    expect(await totals()).toEqual({ count: after!.count + 1, matches: after!.matches });
    expect(await slot(after!.count + 1)).toBe(44);
  });

  it('counts a batch larger than the ring exactly and keeps its last answers', async () => {
    const before = await totals();
    const answers = Array.from({ length: RECENT + 5 }, (_, i) => ({ status: i % 2 === 0 ? ('match' as const) : ('no_match' as const), ms: 100_000 + i }));
    await env.CATALOG.batch(queryLogStatements(env.CATALOG, answers));
    const after = await totals();
    expect(after).toEqual({ count: before!.count + RECENT + 5, matches: before!.matches + (RECENT + 5 + 1) / 2 });
    expect(await slot(after!.count)).toBe(100_000 + RECENT + 4);
    expect(await slot(after!.count - RECENT + 1)).toBe(100_000 + 5);
  });
});
