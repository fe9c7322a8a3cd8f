// Ingests that meet: the same audio under two files at once, and the retry of an upload
// whose request died half-way.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { IngestResponse } from '../../common/api-types';
import { FP_VERSION } from '../../dsp/src/index';
import { insertPending } from '../catalog';
import { insertTrackHashes } from '../shards';
import { postJson, rowsOf, sha1Of, track } from '../test/fixtures';

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
    const id = await insertPending(env.CATALOG, { ...body, external_id: body.external_id!, artist: body.artist!, album: null, isrc: body.isrc!, frames: 3750, fp_version: FP_VERSION }, 1);
    const even = body.hashes.hash.flatMap((h, i) => (h % 2 === 0 ? [i] : []));
    await insertTrackHashes([env.INDEX_0], id, 0, even.map((i) => body.hashes.hash[i]), even.map((i) => body.hashes.t[i]));
    const res = await postJson('/tracks', body);
    expect(res.status).toBe(201);
    const json = (await res.json()) as IngestResponse;
    if (json.status !== 'created') throw new Error(json.status);
    expect(json.track.id).toBe(id);
    expect(json.track.hash_count).toBe(body.hashes.hash.length);
    expect((await rowsOf(env.INDEX_0, id)).length + (await rowsOf(env.INDEX_1, id)).length).toBe(body.hashes.hash.length);
  });
});
