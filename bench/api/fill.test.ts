import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { HASH_MAX } from '../../dsp/src/index';
import { buildShard, type Spread, transposed } from './fill';

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

  it.each([
    ['uniform', (x: number, m: number) => (x ^ m) >>> 0],
    ['music', transposed],
  ] as const)('writes %s filler: each filler track its source moved, each row in its parity\'s shard, the real rows kept', (spread, h) => {
    const shards = fill(spread, masks, source);
    shards.forEach((rows, parity) => rows.forEach((hash) => expect(hash % 2).toBe(parity)));
    expect(new Set(shards.flatMap((rows) => [...rows.keys()]))).toEqual(expected(h));
  });

  it('transposes music filler: anchors move together, pitch steps and time gaps stay within their low bits', () => {
    const h = (f1: number, df: number, dt: number) => (f1 << 17) | (df << 8) | dt;
    for (const code of masks) {
      const a = transposed(h(200, 300, 40), code);
      const b = transposed(h(260, 100, 9), code);
      expect((b >>> 17) - (a >>> 17)).toBe(60);
      expect(Math.abs(((a >>> 8) & 511) - 300)).toBeLessThan(8);
      expect(Math.abs((a & 255) - 40)).toBeLessThan(8);
    }
  });
});
