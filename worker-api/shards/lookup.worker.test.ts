// The index lookup against real D1 shards: postings come back whole and in CSR form,
// common hashes are left out (stop-list), and a shard holding more postings than one
// answer may carry is read in several answers.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { defaultMatchOptions } from '../../dsp/src/index';
import { ShardedIndex } from './index';

/** `count` rows of `hash` for tracks first..first+count-1, t = 7 * track. */
async function fillHash(db: D1Database, hash: number, first: number, count: number): Promise<void> {
  await db
    .prepare('WITH RECURSIVE k(i) AS (SELECT ?2 UNION ALL SELECT i + 1 FROM k WHERE i < ?2 + ?3 - 1) INSERT INTO hashes (hash, track, t) SELECT ?1, i, 7 * i FROM k')
    .bind(hash, first, count)
    .run();
}

const shards = () => [env.INDEX_0, env.INDEX_1];
const size = { tracks: 10, frames: 10_000 };

/** track -> t per queried hash, from the CSR postings. */
async function read(index: ShardedIndex, hashes: number[]): Promise<Map<number, Map<number, number>>> {
  const p = await index.lookup(Uint32Array.from(hashes));
  const out = new Map<number, Map<number, number>>();
  p.hashes.forEach((h, i) => {
    const m = new Map<number, number>();
    for (let k = p.start[i]; k < p.start[i + 1]; k++) m.set(p.track[k], p.t[k]);
    out.set(h, m);
  });
  return out;
}

describe('ShardedIndex.lookup', () => {
  it('returns every posting of each hash from its shard, none for unknown hashes', async () => {
    await fillHash(env.INDEX_0, 1000, 1, 3);
    await fillHash(env.INDEX_1, 1001, 5, 2);
    await env.INDEX_1.prepare('INSERT INTO hashes (hash, track, t) VALUES (1003, 12345678, 16777215)').run();
    const got = await read(new ShardedIndex(shards(), size), [1000, 1001, 1002, 1003]);
    expect(got.get(1000)).toEqual(new Map([[1, 7], [2, 14], [3, 21]]));
    expect(got.get(1001)).toEqual(new Map([[5, 35], [6, 42]]));
    expect(got.get(1002)!.size).toBe(0);
    expect(got.get(1003)).toEqual(new Map([[12345678, 16777215]]));
  });

  it('leaves out a hash with more postings than the matcher reads', async () => {
    const cap = defaultMatchOptions.maxPostings;
    await fillHash(env.INDEX_0, 2000, 1, cap + 1);
    await fillHash(env.INDEX_0, 2002, 1, cap);
    const got = await read(new ShardedIndex(shards(), size), [2000, 2002]);
    expect(got.get(2000)!.size).toBe(0);
    expect(got.get(2002)!.size).toBe(cap);
  });

  it('reads a shard in several answers when its postings exceed one answer', async () => {
    const hashes = [3000, 3002, 3004, 3006, 3008];
    for (const h of hashes) await fillHash(env.INDEX_0, h, h, 1500);
    // room for one group per answer: five answers
    const got = await read(new ShardedIndex(shards(), size, { budget: 1 }), hashes);
    for (const h of hashes) {
      expect(got.get(h)!.size).toBe(1500);
      expect(got.get(h)!.get(h + 1499)).toBe(7 * (h + 1499));
    }
  });
});
