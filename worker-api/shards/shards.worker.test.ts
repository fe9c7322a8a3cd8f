// Shard failures are real here: a shard's table is renamed away (reads and writes fail)
// or guarded by a trigger that refuses inserts (reads work, writes fail).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeHashes } from '../../common/wire';
import type { IdentifyResponse, IngestResponse } from '../../common/api-types';
import { FP_VERSION } from '../../dsp/src/index';
import { ADMIN, api, postJson, rowsOf, syntheticHashes, track } from '../test/fixtures';

type Err = { error: { code: string } };
const ids: number[] = [];

const breakShard = (db: D1Database) => db.exec('ALTER TABLE hashes RENAME TO hashes_offline');
const repairShard = (db: D1Database) => db.exec('ALTER TABLE hashes_offline RENAME TO hashes');

function clipOf(seed: number) {
  const full = syntheticHashes(seed, 60);
  const n = 300;
  return { hash: Uint32Array.from(full.hash.slice(600, 600 + n)), t: Int32Array.from(full.t.slice(600, 600 + n).map((t) => t - full.t[600])), hyp: new Uint8Array(n) };
}

async function identify(seed: number): Promise<Response> {
  return api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: encodeHashes(clipOf(seed), FP_VERSION) });
}

beforeAll(async () => {
  for (const seed of [1, 2, 3, 4]) {
    const res = await postJson('/tracks', track(seed));
    ids.push(((await res.json()) as { track: { id: number } }).track.id);
  }
});

describe('a failing shard', () => {
  it('gives a degraded answer, not a 500, and still finds the track from the other shard', async () => {
    const healthy = (await (await identify(3)).json()) as IdentifyResponse;
    expect(healthy.degraded).toBe(false);
    await breakShard(env.INDEX_1);
    try {
      const res = await identify(3);
      expect(res.status).toBe(200);
      const a = (await res.json()) as IdentifyResponse;
      expect(a.degraded).toBe(true);
      expect(a.status).toBe('match');
      expect(a.matches[0].track.id).toBe(ids[2]);
      expect(a.matches[0].confidence).toBeLessThanOrEqual(healthy.matches[0].confidence);
    } finally {
      await repairShard(env.INDEX_1);
    }
  });

  it('answers 503 when no shard can be read', async () => {
    await breakShard(env.INDEX_0);
    await breakShard(env.INDEX_1);
    try {
      const res = await identify(2);
      expect(res.status).toBe(503);
      expect(((await res.json()) as Err).error.code).toBe('index_unavailable');
    } finally {
      await repairShard(env.INDEX_0);
      await repairShard(env.INDEX_1);
    }
  });

  it('makes an ingest fail whole: no catalog row, no rows on the shard that committed', async () => {
    await env.INDEX_1.exec("CREATE TRIGGER refuse BEFORE INSERT ON hashes BEGIN SELECT RAISE(ABORT, 'shard is full'); END");
    try {
      const before0 = (await rowsOf(env.INDEX_0)).length;
      const res = await postJson('/tracks', track(9));
      expect(res.status).toBe(503);
      expect(((await res.json()) as Err).error.code).toBe('index_unavailable');
      expect((await rowsOf(env.INDEX_0)).length).toBe(before0);
      const row = await env.CATALOG.prepare('SELECT id FROM tracks WHERE content_sha1 = ?1').bind(track(9).content_sha1).first();
      expect(row).toBeNull();
    } finally {
      await env.INDEX_1.exec('DROP TRIGGER refuse');
    }
    // the retry succeeds in full
    const retry = await postJson('/tracks', track(9));
    expect(retry.status).toBe(201);
    const id = ((await retry.json()) as IngestResponse & { track: { id: number } }).track.id;
    expect((await rowsOf(env.INDEX_1, id)).length).toBeGreaterThan(0);
  });

  it('refuses an ingest while a shard cannot be read: duplicates cannot be ruled out', async () => {
    await breakShard(env.INDEX_0);
    try {
      const res = await postJson('/tracks', track(10));
      expect(res.status).toBe(503);
    } finally {
      await repairShard(env.INDEX_0);
    }
    expect(await env.CATALOG.prepare('SELECT id FROM tracks WHERE external_id = ?1').bind('ext-10').first()).toBeNull();
  });

  it('hides a track whose delete failed half-way; the repeated DELETE finishes it', async () => {
    const id = ids[0];
    await breakShard(env.INDEX_1);
    try {
      const res = await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN });
      expect(res.status).toBe(503);
      expect((await api(`/tracks/${id}`)).status).toBe(404);
    } finally {
      await repairShard(env.INDEX_1);
    }
    const a = (await (await identify(1)).json()) as IdentifyResponse;
    expect(a.matches.map((m) => m.track.id)).not.toContain(id);
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect(await rowsOf(env.INDEX_1, id)).toEqual([]);
  });
});
