// A track's hashes by key: the lists of its hashes (R2, worker-api/shards/lists.ts) serve
// GET /tracks/:id/hashes (export) and DELETE without scanning the shards; tracks with their
// lists in the shards (migrations/index/0002, before the move) are served by those, and
// tracks older than the lists are still found, by a scan.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { IngestResponse } from '../../common/api-types';
import { BLOB_CODING, inflated } from '../deflate';
import { packHashes, unpackHashes } from '../shards/lists';
import { ADMIN, api, postJson, rowsOf, syntheticHashes, track } from '../test/fixtures';
import { HASH_MAX } from '../../dsp/src/index';

type Exported = { track: number; fp_version: number; hashes: { hash: number[]; t: number[] } };

async function ingest(body: ReturnType<typeof track>): Promise<number> {
  const json = (await (await postJson('/tracks', body)).json()) as IngestResponse & { track: { id: number } };
  return json.track.id;
}

/** Records sorted the way the export sorts them: by t, then hash. */
function sorted(h: { hash: number[]; t: number[] }): { hash: number[]; t: number[] } {
  const order = h.hash.map((_, i) => i).sort((a, b) => h.t[a] - h.t[b] || h.hash[a] - h.hash[b]);
  return { hash: order.map((i) => h.hash[i]), t: order.map((i) => h.t[i]) };
}

const lists = async (id: number) => (await env.HASH_LISTS.list({ prefix: `tracks/${id}/` })).objects.length;

/** Moves a track's list back into the shards, as tracks ingested before the move have it. */
async function listInShards(id: number): Promise<void> {
  const object = await env.HASH_LISTS.get(`tracks/${id}/0`);
  const all: number[] = [];
  unpackHashes(await inflated(BLOB_CODING.deflateRaw, await object!.arrayBuffer()), all);
  for (const [s, db] of [env.INDEX_0, env.INDEX_1].entries()) {
    await db.prepare('INSERT INTO track_hashes (track, part, hashes) VALUES (?1, 0, ?2)').bind(id, packHashes(all.filter((h) => h % 2 === s))).run();
  }
  await env.HASH_LISTS.delete(`tracks/${id}/0`);
}

describe("a track's hashes", () => {
  it('packs sorted distinct hashes into gap varints and back', () => {
    const hashes = [5, 0, HASH_MAX, 5, 127, 128, 300_000, 16_384];
    const out: number[] = [];
    unpackHashes(packHashes(hashes), out);
    expect(out).toEqual([0, 5, 127, 128, 16_384, 300_000, HASH_MAX]);
  });

  it('are exported exactly as ingested, to the admin only', async () => {
    const body = track(51);
    const id = await ingest(body);
    expect((await api(`/tracks/${id}/hashes`)).status).toBe(401);
    expect((await api('/tracks/999999/hashes', { headers: ADMIN })).status).toBe(404);
    const res = await api(`/tracks/${id}/hashes`, { headers: ADMIN });
    expect(res.status).toBe(200);
    const got = (await res.json()) as Exported;
    expect(got.track).toBe(id);
    expect(got.hashes).toEqual(sorted(body.hashes));
  });

  it('of a chunked upload come back whole', async () => {
    const full = syntheticHashes(52, 90);
    const half = Math.ceil(full.hash.length / 2);
    let id = 0;
    for (const index of [0, 1]) {
      const part = { hash: full.hash.slice(index * half, (index + 1) * half), t: full.t.slice(index * half, (index + 1) * half) };
      const json = (await (await postJson('/tracks', track(52, { duration_s: 90, hashes: part, chunk: { index, count: 2 } }))).json()) as { track_id?: number; track?: { id: number } };
      id = json.track_id ?? json.track!.id;
    }
    expect(await lists(id)).toBe(2);
    const got = (await (await api(`/tracks/${id}/hashes`, { headers: ADMIN })).json()) as Exported;
    expect(got.hashes).toEqual(sorted(full));
  });

  it('are deleted through the lists, lists included', async () => {
    const id = await ingest(track(53));
    expect(await lists(id)).toBe(1);
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect(await rowsOf(env.INDEX_0, id)).toEqual([]);
    expect(await rowsOf(env.INDEX_1, id)).toEqual([]);
    expect(await lists(id)).toBe(0);
  });

  it('are listed deflated, out of the shards', async () => {
    const body = track(55);
    const id = await ingest(body);
    const object = await env.HASH_LISTS.get(`tracks/${id}/0`);
    const stored = new Uint8Array(await object!.arrayBuffer());
    const listed = await inflated(BLOB_CODING.deflateRaw, stored.buffer as ArrayBuffer);
    expect(stored.length).toBeLessThan(listed.length);
    const out: number[] = [];
    unpackHashes(listed, out);
    expect(out).toEqual([...new Set(body.hashes.hash)].sort((a, b) => a - b));
    expect(await env.INDEX_0.prepare('SELECT 1 FROM track_hashes WHERE track = ?1').bind(id).first()).toBeNull();
  });

  it('with their lists in the shards, from before the move, are still exported and deleted by them', async () => {
    const body = track(56);
    const id = await ingest(body);
    await listInShards(id);
    expect(await lists(id)).toBe(0);
    const got = (await (await api(`/tracks/${id}/hashes`, { headers: ADMIN })).json()) as Exported;
    expect(got.hashes).toEqual(sorted(body.hashes));
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await rowsOf(env.INDEX_0, id)).length + (await rowsOf(env.INDEX_1, id)).length).toBe(0);
    expect(await env.INDEX_1.prepare('SELECT 1 FROM track_hashes WHERE track = ?1').bind(id).first()).toBeNull();
  });

  it('are still deleted when a list does not read', async () => {
    const id = await ingest(track(57));
    await env.HASH_LISTS.put(`tracks/${id}/0`, new Uint8Array([0xff, 0xff, 0xff]));
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await rowsOf(env.INDEX_0, id)).length + (await rowsOf(env.INDEX_1, id)).length).toBe(0);
    expect(await lists(id)).toBe(0);
  });

  it('of a track older than the lists are still exported and deleted', async () => {
    const body = track(54);
    const id = await ingest(body);
    await env.HASH_LISTS.delete(`tracks/${id}/0`);
    const got = (await (await api(`/tracks/${id}/hashes`, { headers: ADMIN })).json()) as Exported;
    expect(got.hashes).toEqual(sorted(body.hashes));
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await rowsOf(env.INDEX_0, id)).length + (await rowsOf(env.INDEX_1, id)).length).toBe(0);
  });
});
