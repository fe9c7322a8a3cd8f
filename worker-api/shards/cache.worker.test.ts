// The postings an isolate keeps across requests, on real D1 shards: served while the
// catalog's stamp stands, never after it changed, and never kept from a read that may
// predate a change.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { encodeHashes } from '../../common/wire';
import type { IdentifyResponse } from '../../common/api-types';
import { FP_VERSION } from '../../dsp/src/index';
import { api, postJson, syntheticHashes, track } from '../test/fixtures';
import { POSTINGS_CACHE_BYTES, PostingsCache } from './cache';
import { ShardedIndex } from './index';

const shards = () => [env.INDEX_0, env.INDEX_1];
const addRow = (hash: number, trackId: number, t: number) => env.INDEX_0.prepare('INSERT INTO hashes (hash, track, t) VALUES (?1, ?2, ?3)').bind(hash, trackId, t).run();

/** The tracks holding `hash`, read through a fresh index (one request) over `cache`. */
async function tracksOf(cache: PostingsCache, stamp: number, hash: number): Promise<number[]> {
  const p = await new ShardedIndex(shards(), { tracks: 10, frames: 10_000, stamp }, { cache }).lookup(Uint32Array.of(hash));
  return [...p.track];
}

describe('PostingsCache', () => {
  it('serves what an earlier request read while the stamp stands, and reads again once it changed', async () => {
    const cache = new PostingsCache();
    await addRow(4000, 1, 10);
    // the first request learns the stamp: what it read may predate it, so it is not kept
    expect(await tracksOf(cache, 7, 4000)).toEqual([1]);
    expect(cache.size).toBe(0);
    expect(await tracksOf(cache, 7, 4000)).toEqual([1]);
    expect(cache.size).toBe(1);
    // a row written without the catalog changing is not seen: the answer came from the cache
    await addRow(4000, 2, 20);
    expect(await tracksOf(cache, 7, 4000)).toEqual([1]);
    // the catalog changed: the cached entry is read again, and nothing of this request is kept
    expect((await tracksOf(cache, 8, 4000)).sort()).toEqual([1, 2]);
    expect(cache.stamp).toBe(8);
    expect(cache.size).toBe(0);
  });

  it('keeps nothing from a request that meets another stamp than the one it started under', async () => {
    const cache = new PostingsCache();
    await tracksOf(cache, 1, 4100);
    await addRow(4100, 3, 30);
    expect(await tracksOf(cache, 2, 4100)).toEqual([3]);
    expect(cache.size).toBe(0);
  });

  it('drops the least recently used postings beyond its size', async () => {
    // 104 bytes an entry here: 9 fit in 1000
    const cache = new PostingsCache(1000);
    for (let h = 0; h < 8; h++) cache.set(h, new Int32Array(2));
    expect(cache.get(0)).toBeDefined(); // now the most recent but one of the first eight
    cache.set(8, new Int32Array(2));
    cache.set(9, new Int32Array(2)); // over: the older half goes
    expect(cache.get(0)).toBeDefined();
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(9)).toBeDefined();
    expect(cache.size).toBeLessThan(9);
  });

  it('stays within its size through a long churn of new postings', async () => {
    // 800k sets: dropping the oldest entry one at a time made this take 60x longer (a Map's deleted slots)
    const cache = new PostingsCache();
    const per = 96 + 8;
    for (let h = 0; h < 800_000; h++) cache.set(h, new Int32Array(2));
    expect(cache.size * per).toBeLessThanOrEqual(POSTINGS_CACHE_BYTES);
    expect(cache.size * per).toBeGreaterThan(POSTINGS_CACHE_BYTES / 2 - per);
    expect(cache.get(799_999)).toBeDefined();
  });
});

describe('identify with the isolate cache', () => {
  it('finds a track ingested after its clip was asked about', async () => {
    const full = syntheticHashes(77, 60);
    const n = 300;
    const clip = { hash: Uint32Array.from(full.hash.slice(600, 600 + n)), t: Int32Array.from(full.t.slice(600, 600 + n).map((t) => t - full.t[600])), hyp: new Uint8Array(n) };
    const ask = async () => (await (await api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: encodeHashes(clip, FP_VERSION) })).json()) as IdentifyResponse;
    // twice: the second request's reads (no postings for any of the clip's hashes) are kept
    expect((await ask()).status).toBe('no_match');
    expect((await ask()).status).toBe('no_match');
    const created = await postJson('/tracks', track(77));
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { track: { id: number } }).track.id;
    const after = await ask();
    expect(after.status).toBe('match');
    expect(after.matches[0].track.id).toBe(id);
  });
});
