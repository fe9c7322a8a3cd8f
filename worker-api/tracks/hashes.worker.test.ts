// A track's hashes by key: the per-shard lists of its hashes (migrations/index/0002) serve
// GET /tracks/:id/hashes (export) and DELETE without scanning the shard; tracks written
// before the lists are still found, by a scan.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { IngestResponse } from '../../common/api-types';
import { BLOB_CODING, inflated } from '../deflate';
import { packHashes, unpackHashes } from '../shards';
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

const lists = async (id: number) =>
  (await env.INDEX_0.prepare('SELECT COUNT(*) AS n FROM track_hashes WHERE track = ?1').bind(id).first<{ n: number }>())!.n +
  (await env.INDEX_1.prepare('SELECT COUNT(*) AS n FROM track_hashes WHERE track = ?1').bind(id).first<{ n: number }>())!.n;

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
    expect(await lists(id)).toBe(4);
    const got = (await (await api(`/tracks/${id}/hashes`, { headers: ADMIN })).json()) as Exported;
    expect(got.hashes).toEqual(sorted(full));
  });

  it('are deleted through the lists, lists included', async () => {
    const id = await ingest(track(53));
    expect(await lists(id)).toBe(2);
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect(await rowsOf(env.INDEX_0, id)).toEqual([]);
    expect(await rowsOf(env.INDEX_1, id)).toEqual([]);
    expect(await lists(id)).toBe(0);
  });

  it('are listed deflated, and lists written raw before still serve', async () => {
    const body = track(55);
    const id = await ingest(body);
    const row = await env.INDEX_0.prepare('SELECT coding, hashes FROM track_hashes WHERE track = ?1').bind(id).first<{ coding: number; hashes: ArrayBuffer }>();
    expect(row!.coding).toBe(BLOB_CODING.deflateRaw);
    const listed = await inflated(row!.coding, row!.hashes);
    expect(new Uint8Array(row!.hashes).length).toBeLessThan(listed.length);
    const out: number[] = [];
    unpackHashes(listed, out);
    expect(out).toEqual([...new Set(body.hashes.hash.filter((h) => h % 2 === 0))].sort((a, b) => a - b));
    await env.INDEX_0.prepare('UPDATE track_hashes SET coding = ?2, hashes = ?3 WHERE track = ?1').bind(id, BLOB_CODING.raw, listed).run();
    const got = (await (await api(`/tracks/${id}/hashes`, { headers: ADMIN })).json()) as Exported;
    expect(got.hashes).toEqual(sorted(body.hashes));
  });

  it('are still deleted when a list does not read', async () => {
    const id = await ingest(track(56));
    await env.INDEX_1.prepare('UPDATE track_hashes SET hashes = ?2 WHERE track = ?1').bind(id, new Uint8Array([0xff, 0xff, 0xff])).run();
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await rowsOf(env.INDEX_0, id)).length + (await rowsOf(env.INDEX_1, id)).length).toBe(0);
  });

  it('of a track older than the lists are still exported and deleted', async () => {
    const body = track(54);
    const id = await ingest(body);
    await env.INDEX_0.exec('DELETE FROM track_hashes');
    await env.INDEX_1.exec('DELETE FROM track_hashes');
    const got = (await (await api(`/tracks/${id}/hashes`, { headers: ADMIN })).json()) as Exported;
    expect(got.hashes).toEqual(sorted(body.hashes));
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await rowsOf(env.INDEX_0, id)).length + (await rowsOf(env.INDEX_1, id)).length).toBe(0);
  });
});
