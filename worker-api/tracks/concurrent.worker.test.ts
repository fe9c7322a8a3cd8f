// Ingests that meet: the same audio under two files at once, and the retry of an upload
// whose request died half-way.
import { env } from 'cloudflare:workers';
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { IngestResponse } from '../../common/api-types';
import { FP_VERSION } from '../../dsp/src/index';
import { insertPending, takeIngestLease, trackById } from '../catalog';
import worker from '../index';
import { insertTrackHashes } from '../shards';
import { ADMIN, api, postJson, rowsOf, sha1Of, track } from '../test/fixtures';
import { STALE_INGEST_MS } from './forget';
import { LEASE_MS } from './ingest';

describe('concurrent ingest', () => {
  it('indexes the same audio sent twice at once under two files only once', async () => {
    const a = track(41);
    const b = track(41, { content_sha1: sha1Of(9041), external_id: 'ext-41-copy' });
    const answers = await Promise.all([a, b].map(async (body) => (await (await postJson('/tracks', body)).json()) as IngestResponse));
    expect(answers.map((x) => x.status).sort()).toEqual(['created', 'duplicate']);
    const dup = answers.find((x) => x.status === 'duplicate');
    expect(dup).toMatchObject({ duplicate_of: { class: 'identical' } });
    const ready = await env.CATALOG.prepare("SELECT COUNT(*) AS n FROM tracks WHERE title = 'Song 41' AND state = 'ready'").first<{ n: number }>();
    expect(ready!.n).toBe(1);
  });

  it('lets a retry take over an upload whose request died half-way, and counts every row once', async () => {
    const body = track(42);
    // what a request that died after one shard's write leaves: a fresh 'ingesting' row and half the rows
    const id = await insertPending(env.CATALOG, { ...body, external_id: body.external_id!, artist: body.artist!, album: null, isrc: body.isrc!, year: null, frames: 3750, fp_version: FP_VERSION }, 1);
    const even = body.hashes.hash.flatMap((h, i) => (h % 2 === 0 ? [i] : []));
    await insertTrackHashes([env.INDEX_0], env.HASH_LISTS, id, 0, even.map((i) => body.hashes.hash[i]), even.map((i) => body.hashes.t[i]));
    const res = await postJson('/tracks', body);
    expect(res.status).toBe(201);
    const json = (await res.json()) as IngestResponse;
    if (json.status !== 'created') throw new Error(json.status);
    expect(json.track.id).toBe(id);
    expect(json.track.hash_count).toBe(body.hashes.hash.length);
    expect((await rowsOf(env.INDEX_0, id)).length + (await rowsOf(env.INDEX_1, id)).length).toBe(body.hashes.hash.length);
  });

  /** What a request that died after its first shard's write leaves: an 'ingesting' row and some rows. */
  async function abandoned(seed: number): Promise<number> {
    const body = track(seed);
    const id = await insertPending(env.CATALOG, { ...body, external_id: body.external_id!, artist: body.artist!, album: null, isrc: body.isrc!, year: null, frames: 3750, fp_version: FP_VERSION }, 2);
    // the first shard of two holds the even hashes
    const even = body.hashes.hash.slice(0, 100).flatMap((h, i) => (h % 2 === 0 ? [i] : []));
    await insertTrackHashes([env.INDEX_0], env.HASH_LISTS, id, 0, even.map((i) => body.hashes.hash[i]), even.map((i) => body.hashes.t[i]));
    return id;
  }

  it('DELETE removes an upload that never finished, rows and all', async () => {
    const id = await abandoned(43);
    const res = await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN });
    expect(res.status).toBe(200);
    expect(await trackById(env.CATALOG, id)).toBeNull();
    expect(await rowsOf(env.INDEX_0, id)).toEqual([]);
  });

  it('the hourly cleanup removes uploads abandoned for 10 minutes and leaves fresh ones alone', async () => {
    const old = await abandoned(44);
    const fresh = await abandoned(45);
    const stale = new Date(Date.now() - STALE_INGEST_MS - 60_000).toISOString();
    await env.CATALOG.prepare('UPDATE tracks SET updated_at = ?1 WHERE id = ?2').bind(stale, old).run();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '17 * * * *' }), env);
    expect(await trackById(env.CATALOG, old)).toBeNull();
    expect(await rowsOf(env.INDEX_0, old)).toEqual([]);
    expect((await trackById(env.CATALOG, fresh))?.state).toBe('ingesting');
  });

  it('a request that died holding the ingest lease delays other uploads by seconds, not a minute of 409 busy', async () => {
    expect(await takeIngestLease(env.CATALOG, 'a-request-that-died', LEASE_MS)).toBe(true);
    const started = Date.now();
    const res = await postJson('/tracks', track(46));
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(LEASE_MS + 2000);
  });
});
