// The names an isolate keeps for its answers, on the real catalog database: read once,
// then served from memory while the stamp stands, read again after it changed.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { FP_VERSION } from '../../dsp/src/index';
import { sha1Of } from '../test/fixtures';
import { catalogSize } from './index';
import { NameCache } from './names';

async function addTrack(seed: number, state: 'ready' | 'deleting' = 'ready'): Promise<number> {
  const r = await env.CATALOG.prepare(
    `INSERT INTO tracks (external_id, title, artist, album, isrc, year, duration_s, frames, hash_count, content_sha1, fp_version, state, chunk_count, chunks_done)
     VALUES (NULL, ?1, 'Artist', NULL, NULL, NULL, 60, 3750, 0, ?2, ?3, ?4, 1, 1) RETURNING id`,
  )
    .bind(`Song ${seed}`, sha1Of(90_000 + seed), FP_VERSION, state)
    .first<{ id: number }>();
  return r!.id;
}

/** A title changed behind the cache's back: no route does this, so the stamp stays. */
const retitle = (id: number, title: string) => env.CATALOG.prepare('UPDATE tracks SET title = ?2 WHERE id = ?1').bind(id, title).run();
const stampNow = async () => (await catalogSize(env.CATALOG)).stamp;

describe('NameCache', () => {
  it('names ready tracks from the catalog once, then from memory while the stamp stands', async () => {
    const cache = new NameCache();
    const [a, b] = [await addTrack(1), await addTrack(2)];
    const gone = await addTrack(3, 'deleting');
    const stamp = await stampNow();
    const first = await cache.named(env.CATALOG, [a, b, gone], stamp);
    expect([...first.keys()].sort()).toEqual([a, b].sort());
    expect(first.get(a)?.title).toBe('Song 1');
    await retitle(a, 'Renamed');
    expect(await stampNow()).toBe(stamp);
    expect((await cache.named(env.CATALOG, [a], stamp)).get(a)?.title).toBe('Song 1');
    // any change of the ready catalog is a new stamp, and the names are read again
    await addTrack(4);
    const next = await stampNow();
    expect(next).not.toBe(stamp);
    expect((await cache.named(env.CATALOG, [a], next)).get(a)?.title).toBe('Renamed');
  });

  it('keeps what a request read only under the stamp the cache is at, and starts over when full', async () => {
    const cache = new NameCache(2);
    const ids = [await addTrack(5), await addTrack(6), await addTrack(7)];
    const stamp = await stampNow();
    await cache.named(env.CATALOG, ids.slice(0, 2), stamp);
    expect(cache.size).toBe(2);
    await cache.named(env.CATALOG, ids.slice(2), stamp);
    expect(cache.size).toBe(1);
    // two requests at once across a change: the one whose stamp the cache left keeps nothing
    const before = cache.named(env.CATALOG, [ids[0]], stamp);
    const after = cache.named(env.CATALOG, [ids[1]], stamp + 1);
    expect([...(await before).keys()]).toEqual([ids[0]]);
    expect([...(await after).keys()]).toEqual([ids[1]]);
    expect(cache.size).toBe(1);
  });
});
