import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { HASH_MAX } from '../../dsp/src/index';
import { DT_BITS, DT_MASK } from '../../dsp/src/hash';
import { buildShard, musicTarget, passMask, type Spread } from './fill';

const dir = mkdtempSync(join(tmpdir(), 'earshot-fill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const schema = readFileSync(new URL('../../migrations/index/0001_hashes.sql', import.meta.url), 'utf8');

/** Two shards (by hash parity) filled with three filler tracks of one source; the rows each file holds. */
function fill(spread: Spread, masks: Uint32Array, source: { hash: Uint32Array; t: Int32Array }): Map<string, number>[] {
  return [0, 1].map((parity) => {
    const file = join(dir, `${spread}-${parity}.sqlite`);
    const db = new DatabaseSync(file);
    db.exec(schema);
    db.prepare('INSERT INTO hashes (hash, track, t) VALUES (?, 1, 7)').run(2 * 1000 + parity); // a real row, kept
    db.close();
    buildShard({ spread, file, shards: 2, parity, sources: [source], masks, firstId: 2, rowsPerTrack: source.hash.length });
    const read = new DatabaseSync(file);
    const rows = read.prepare('SELECT hash, track, t FROM hashes').all() as { hash: number; track: number; t: number }[];
    read.close();
    return new Map(rows.map((r) => [`${r.hash} ${r.track} ${r.t}`, r.hash]));
  });
}

describe('buildShard', () => {
  let s = 11;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const source = { hash: Uint32Array.from({ length: 3000 }, () => next() & HASH_MAX), t: Int32Array.from({ length: 3000 }, () => next() % 20000) };
  const masks = Uint32Array.from({ length: 3 }, () => next() & HASH_MAX);
  const expected = (h: (hash: number, mask: number) => number) =>
    new Set([`${2 * 1000} 1 7`, `${2 * 1000 + 1} 1 7`, ...[...masks].flatMap((m, k) => [...source.hash].map((x, j) => `${h(x, m)} ${2 + k} ${source.t[j]}`))]);

  const pool = source.hash;
  it.each([
    ['uniform', (x: number, m: number) => (x ^ m) >>> 0],
    ['music', (x: number, m: number) => musicTarget(x, passMask(m, 0), pool)],
  ] as const)('writes %s filler: each filler track its source moved, each row in its parity\'s shard, the real rows kept', (spread, h) => {
    const shards = fill(spread, masks, source);
    shards.forEach((rows, parity) => rows.forEach((hash) => expect(hash % 2).toBe(parity)));
    expect(new Set(shards.flatMap((rows) => [...rows.keys()]))).toEqual(expected(h));
  });

  it("draws music filler's targets from music's pitch pairs and time gaps, one target for each hash of a track", () => {
    const pairs = new Set([...pool].map((h) => h >>> DT_BITS));
    const gaps = new Set([...pool].map((h) => h & DT_MASK));
    const seen = new Set<number>();
    for (const seed of masks) {
      for (const h of pool.subarray(0, 200)) {
        const x = musicTarget(h, seed, pool);
        expect(musicTarget(h, seed, pool)).toBe(x);
        expect(pairs.has(x >>> DT_BITS) && gaps.has(x & DT_MASK)).toBe(true);
        seen.add(x);
      }
    }
    // independent draws: hardly two of 600 alike
    expect(seen.size).toBeGreaterThan(590);
  });
});
