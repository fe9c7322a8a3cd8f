// The hash index over N D1 databases: a hash lives in shard hash % N. Lists of hashes or
// rows travel as ONE JSON parameter joined with json_each (D1 binds at most 100
// parameters), cut into pieces below D1's 2 MB string limit.
import { defaultMatchOptions, type CatalogSize, type HashIndex, type Postings } from '../../dsp/src/index';
import { deleteList, putList, readList, unpackParts } from './lists';
import type { Env } from '../env';
import type { PostingsCache } from './cache';

/** Hashes per lookup statement: ~9 characters each keeps the JSON near 450 KB. */
const LOOKUP_CHUNK = 50_000;
/** Rows per insert statement: `[hash,t],` is at most ~20 characters, so < 1 MB. */
const INSERT_CHUNK = 40_000;
/**
 * A hash with more postings than the matcher reads carries no information: the lookup
 * leaves it out in SQL instead of shipping its rows.
 */
const STOP_POSTINGS = defaultMatchOptions.maxPostings;
/**
 * Postings per lookup answer. The answer is one string of at most ~26 characters per
 * posting (`hash:track,t;`), so 60k keep it under D1's 2 MB value limit; a shard with more
 * is asked again for the hashes after the last one it sent.
 */
const ANSWER_POSTINGS = 60_000;

export function shardsOf(env: Env): D1Database[] {
  const n = Number(env.INDEX_SHARDS);
  const dbs: D1Database[] = [];
  for (let i = 0; i < n; i++) {
    const db = env[`INDEX_${i}`];
    if (!db) throw new Error(`INDEX_SHARDS is ${n} but binding INDEX_${i} is missing`);
    dbs.push(db);
  }
  return dbs;
}

/** Splits `values` by shard, keeping their order. */
function partition<T>(n: number, count: number, hashOf: (i: number) => number, value: (i: number) => T): T[][] {
  const parts: T[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < count; i++) parts[hashOf(i) % n].push(value(i));
  return parts;
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export class ShardFailure extends Error {
  constructor(readonly shards: number[], readonly causes: unknown[]) {
    super(`index shard(s) ${shards.join(', ')} failed: ${causes.map(String).join('; ')}`);
    this.name = 'ShardFailure';
  }
}

/**
 * One shard's postings of `hashes` (ascending), as few D1 answers as possible: SQLite joins
 * each hash's rows into `track,t,track,t` and all hashes into one string
 * `hash:track,t,...;hash:...`, so a query costs one row instead of one row per posting
 * (per-row overhead was most of the identify time). Hashes above the stop-list cap and
 * hashes without rows are absent.
 */
const LOOKUP_SQL = `WITH g AS (
    SELECT hash, count(*) AS n, group_concat(track || ',' || t) AS p FROM hashes
    WHERE hash IN (SELECT value FROM json_each(?1)) GROUP BY hash HAVING n <= ?2),
  r AS (SELECT hash, p, sum(n) OVER (ORDER BY hash ROWS UNBOUNDED PRECEDING) AS run FROM g)
  SELECT group_concat(hash || ':' || p, ';') FILTER (WHERE run <= ?3), max(hash) FILTER (WHERE run <= ?3),
    count(*) FILTER (WHERE run > ?3) FROM r`;

type Answer = [groups: string | null, last: number | null, more: number];

/**
 * Adds the groups of one answer to `into`, each as interleaved (track, t) pairs: views into
 * one array per answer (an array per hash was a third of the lookup's JavaScript time, with
 * its garbage).
 */
function parseGroups(s: string, into: Map<number, Int32Array>): void {
  // every value is followed by a separator or the end, and takes at least one digit
  const values = new Int32Array(Math.ceil(s.length / 2));
  const starts: number[] = [];
  let n = 0;
  let i = 0;
  while (i < s.length) {
    let h = 0;
    for (let c = s.charCodeAt(i); c !== 58 && i < s.length; c = s.charCodeAt(++i)) h = h * 10 + c - 48;
    starts.push(h, n);
    let v = 0;
    for (i++; i <= s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 48 && c <= 57) v = v * 10 + c - 48;
      else {
        values[n++] = v;
        v = 0;
        if (c !== 44) break; // ';' or the end (NaN)
      }
    }
    i++;
  }
  // only what was used stays alive behind the views
  const used = values.slice(0, n);
  for (let g = 0; g < starts.length; g += 2) into.set(starts[g], used.subarray(starts[g + 1], g + 3 < starts.length ? starts[g + 3] : n));
}

async function lookupShard(db: D1Database, hashes: number[], stop: number, budget: number, into: Map<number, Int32Array>): Promise<void> {
  const stmt = db.prepare(LOOKUP_SQL);
  await Promise.all(
    chunks(hashes, LOOKUP_CHUNK).map(async (list) => {
      while (list.length > 0) {
        const [[groups, last, more]] = await stmt.bind(JSON.stringify(list), stop, budget).raw<Answer>();
        if (groups) parseGroups(groups, into);
        if (!more) return;
        // the answer covered every hash up to `last` (a single group never exceeds the budget)
        const from = list.findIndex((h) => h > last!);
        list = list.slice(from);
      }
    }),
  );
}

/** The catalog's size, and the stamp of its contents (a postings cache needs it). */
export type StampedSize = CatalogSize & { stamp?: number };

/**
 * HashIndex for the matcher. Lookups fan out to every shard in parallel; a shard that
 * fails contributes no postings and is remembered in `failed`, so the answer can say it is
 * degraded instead of failing (unless every shard failed: then there is no answer).
 * Postings already read are kept for the request: the matcher's second pass (speed and
 * pitch hypotheses) asks again for the as-heard hashes. With a `cache`, postings read by
 * earlier requests are served from it while the catalog's stamp stands (cache.ts).
 */
export class ShardedIndex implements HashIndex {
  readonly failed = new Set<number>();
  /** Postings read from the shards (not the cache): what D1 bills as rows read, about. */
  postingsRead = 0;
  /** (track, t) pairs per hash looked up; empty for hashes without (readable) postings. */
  private readonly seen = new Map<number, Int32Array>();

  private readonly budget: number;
  private readonly cache?: PostingsCache;
  /** The candidates' band envelopes, which the catalog keeps (worker-api/envelopes). */
  readonly envelopes?: (tracks: number[]) => Promise<Map<number, Uint8Array>>;

  /** `budget` (postings per D1 answer) is for tests; an answer always has room for one whole group. */
  constructor(
    private readonly dbs: D1Database[],
    private readonly catalog: StampedSize | Promise<StampedSize>,
    { budget = ANSWER_POSTINGS, cache, envelopes }: { budget?: number; cache?: PostingsCache; envelopes?: (tracks: number[]) => Promise<Map<number, Uint8Array>> } = {},
  ) {
    this.budget = Math.max(budget, STOP_POSTINGS);
    this.cache = cache;
    this.envelopes = envelopes;
  }

  size(): CatalogSize | Promise<CatalogSize> {
    return this.catalog;
  }

  async lookup(hashes: Uint32Array): Promise<Postings> {
    const fresh = hashes.filter((h) => !this.seen.has(h));
    const cache = this.cache;
    const stamp = cache?.stamp ?? null;
    const cached = new Map<number, Int32Array>();
    let toRead: ArrayLike<number> = fresh;
    if (cache && stamp !== null) {
      const missing: number[] = [];
      for (const h of fresh) {
        const pairs = cache.get(h);
        if (pairs) cached.set(h, pairs);
        else missing.push(h);
      }
      toRead = missing;
    }
    const read = await this.read(toRead);
    if (cache) {
      const now = (await this.catalog).stamp;
      if (now === undefined || now !== stamp || cache.stamp !== stamp) {
        // the catalog changed, or this isolate had no stamp yet: what came from the cache
        // may be stale, and what was read may predate the change
        if (now !== undefined && cache.stamp === stamp) cache.reset(now);
        if (cached.size > 0) for (const [h, p] of await this.read([...cached.keys()])) read.set(h, p);
        cached.clear();
      } else for (const [h, p] of read) cache.set(h, p);
    }
    const none = new Int32Array(0);
    for (const h of fresh) this.seen.set(h, cached.get(h) ?? read.get(h) ?? none);
    return this.postings(hashes);
  }

  /** The postings of `list` (empty for a hash without rows), from every shard that answers; a failed shard's hashes are absent. */
  private async read(list: ArrayLike<number>): Promise<Map<number, Int32Array>> {
    const n = this.dbs.length;
    const parts = partition(n, list.length, (i) => list[i], (i) => list[i]);
    const found = parts.map(() => new Map<number, Int32Array>());
    const settled = await Promise.allSettled(parts.map((hashes, s) => lookupShard(this.dbs[s], hashes, STOP_POSTINGS, this.budget, found[s])));
    const causes: unknown[] = [];
    const none = new Int32Array(0);
    const out = new Map<number, Int32Array>();
    settled.forEach((r, s) => {
      if (r.status === 'rejected') {
        this.failed.add(s);
        causes.push(r.reason);
        return;
      }
      for (const h of parts[s]) out.set(h, found[s].get(h) ?? none);
      for (const pairs of found[s].values()) this.postingsRead += pairs.length / 2;
    });
    if (causes.length > 0) console.error('shard lookup failed', [...this.failed], causes.map(String));
    if (this.failed.size === n) throw new ShardFailure([...this.failed], causes);
    return out;
  }

  /** The rows of `hashes` in CSR form (a failed shard's hashes have none). */
  private postings(hashes: Uint32Array): Postings {
    const start = new Uint32Array(hashes.length + 1);
    hashes.forEach((h, i) => (start[i + 1] = start[i] + (this.seen.get(h)?.length ?? 0) / 2));
    const track = new Int32Array(start[hashes.length]);
    const t = new Int32Array(start[hashes.length]);
    hashes.forEach((h, i) => {
      const pairs = this.seen.get(h);
      if (!pairs) return;
      for (let k = start[i], j = 0; j < pairs.length; j += 2, k++) {
        track[k] = pairs[j];
        t[k] = pairs[j + 1];
      }
    });
    return { hashes, start, track, t };
  }
}

/**
 * Writes part `part` (an upload chunk) of one track's rows: its list of hashes first (R2,
 * lists.ts), so no row is ever without one, then one batch (= one transaction) per shard,
 * all shards in parallel. Throws ShardFailure naming the shards that did not commit (the
 * caller removes what the others wrote, or a retry writes the rest).
 */
export async function insertTrackHashes(dbs: D1Database[], lists: R2Bucket, track: number, part: number, hash: ArrayLike<number>, t: ArrayLike<number>): Promise<void> {
  await putList(lists, track, part, hash);
  const parts = partition(dbs.length, hash.length, (i) => hash[i], (i) => [hash[i], t[i]]);
  const settled = await Promise.allSettled(
    parts.map(async (rows, s) => {
      const stmt = dbs[s].prepare('INSERT OR IGNORE INTO hashes (hash, track, t) SELECT value ->> 0, ?2, value ->> 1 FROM json_each(?1)');
      if (rows.length > 0) await dbs[s].batch(chunks(rows, INSERT_CHUNK).map((c) => stmt.bind(JSON.stringify(c), track)));
    }),
  );
  throwFailed(settled);
}

function throwFailed(settled: PromiseSettledResult<unknown>[]): void {
  const failed = settled.flatMap((r, s) => (r.status === 'rejected' ? [s] : []));
  if (failed.length > 0) throw new ShardFailure(failed, settled.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])));
}

/**
 * The track's distinct hashes on each shard: from its list (lists.ts), or from a shard's own
 * list (`track_hashes`) for a track ingested before the lists moved to R2; null where it has
 * neither, a track older than the lists, whose rows a scan finds.
 */
async function hashesPerShard(dbs: D1Database[], lists: R2Bucket, track: number): Promise<(number[] | null)[]> {
  const listed = await readList(lists, track);
  if (listed) return partition(dbs.length, listed.length, (i) => listed[i], (i) => listed[i]);
  return Promise.all(
    dbs.map(async (db) => {
      const rows = await db.prepare('SELECT hashes FROM track_hashes WHERE track = ?1').bind(track).raw<[ArrayBuffer | number[]]>();
      return rows.length === 0 ? null : unpackParts(rows.map(([blob]) => new Uint8Array(blob)));
    }),
  );
}

/**
 * Removes a track's rows from every shard, by key through its list of hashes or by a scan,
 * then its list.
 */
export async function deleteTrackHashes(dbs: D1Database[], lists: R2Bucket, track: number): Promise<void> {
  const perShard = await hashesPerShard(dbs, lists, track);
  const settled = await Promise.allSettled(
    dbs.map(async (db, s) => {
      const hashes = perShard[s];
      const older = db.prepare('DELETE FROM track_hashes WHERE track = ?1').bind(track);
      if (hashes === null) return db.batch([db.prepare('DELETE FROM hashes WHERE track = ?1').bind(track), older]);
      const stmt = db.prepare('DELETE FROM hashes WHERE track = ?2 AND hash IN (SELECT value FROM json_each(?1))');
      return db.batch([...chunks(hashes, LOOKUP_CHUNK).map((c) => stmt.bind(JSON.stringify(c), track)), older]);
    }),
  );
  throwFailed(settled);
  await deleteList(lists, track);
}

/** A track's (hash, t) records from every shard, for export. */
export async function trackRecords(dbs: D1Database[], lists: R2Bucket, track: number): Promise<[hash: number, t: number][]> {
  const perShard = await hashesPerShard(dbs, lists, track);
  const records = await Promise.all(
    dbs.map(async (db, s) => {
      const hashes = perShard[s];
      if (hashes === null) return db.prepare('SELECT hash, t FROM hashes WHERE track = ?1').bind(track).raw<[number, number]>();
      const stmt = db.prepare('SELECT hash, t FROM hashes WHERE track = ?2 AND hash IN (SELECT value FROM json_each(?1))');
      return (await Promise.all(chunks(hashes, LOOKUP_CHUNK).map((c) => stmt.bind(JSON.stringify(c), track).raw<[number, number]>()))).flat();
    }),
  );
  return records.flat();
}

/** Database bytes per shard (null for a shard that did not answer). */
export async function shardBytes(dbs: D1Database[]): Promise<(number | null)[]> {
  const settled = await Promise.allSettled(dbs.map((db) => db.prepare('SELECT 1').run()));
  return settled.map((r) => (r.status === 'fulfilled' ? (r.value.meta.size_after ?? null) : null));
}
