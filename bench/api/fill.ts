// Sorted bulk build of one shard's `hashes` table for the API benchmark's filler (see
// api.ts). Filler track k is a real track's hash set XORed with a 26-bit mask, so the rows
// whose hash has given top bits (a bucket) and shard bits come from exactly one group of the
// source's hashes (grouped by the same bits, XORed by the mask's): the build walks the key
// space one bucket (the top 8 bits, more when a big catalog's track ids need the room in
// the packed key) at a time, generates that bucket's filler rows directly, merges the rows
// already in the table, sorts them as packed numbers (hash, track, t: the
// table's key order) and appends them to a fresh copy of the table, which then replaces
// the old one. Appends in key order fill whole pages and touch one leaf at a time, so the
// cost is linear in rows instead of rewriting most pages per block of filler.
// One shard per worker thread (fill-worker.mjs loads this file through tsx).
//
// `music` spread (docs/scale.md "Built in session 22"): each distinct hash of a
// filler track's source goes to a target of its own, drawn as music's rows are spread (a
// pitch pair of one real row, a time gap of another, as the in-process filler draws:
// filler-index.ts), and keeps the source's times. So a query hash meets the filler about as
// often as a catalog of that music would give it, a loop inside a track stays a loop, and
// the timing of one target tells nothing of another's (moving a whole track made copies
// that lined up with their source). Targets go to any bucket, so the shard's filler keys
// are made first, counted into buckets, and each bucket sorted when its turn comes.
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { HASH_BITS, HASH_MAX } from '../../dsp/src/index';
import { DT_MASK } from '../../dsp/src/hash';

export interface FillSource {
  hash: Uint32Array;
  t: Int32Array;
}

export type Spread = 'uniform' | 'music';

export interface ShardJob {
  spread: Spread;
  file: string;
  /** hash % shards picks the shard; must be a power of two. */
  shards: number;
  parity: number;
  sources: FillSource[];
  /** One 26-bit mask (music: a seed) per filler track; track firstId + k uses masks[k], source k % sources.length. */
  masks: Uint32Array;
  firstId: number;
  rowsPerTrack: number;
}

export interface ShardResult {
  rows: number;
  filler: number;
  seconds: number;
}

const HASH_MASK = HASH_MAX;
/** Buckets by the top 8 bits at least, more when the rest of the key needs the room. */
const MIN_BUCKET_BITS = 8;
const BATCH = 256; // rows per INSERT statement

const bitsFor = (max: number) => Math.max(1, Math.ceil(Math.log2(max + 1)));

/** 32 well-mixed bits of x (murmur3's finaliser). */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Where music filler `seed` puts source hash `h`: the pitch pair of one row of `rows` and
 * the time gap of another, both picked by (seed, h).
 */
export function musicTarget(h: number, seed: number, rows: Uint32Array): number {
  const a = mix(h ^ mix(seed));
  const b = mix(a ^ 0x9e3779b9);
  return ((rows[a % rows.length] & ~DT_MASK) | (rows[b % rows.length] & DT_MASK)) >>> 0;
}

/**
 * Every music filler row of one shard as (hash below its bucket, track, t) keys, grouped by
 * bucket: bucket b's keys are keys[start[b]..start[b+1]).
 */
function musicKeys(job: ShardJob, hiShift: number, hScale: number, tScale: number): { keys: Float64Array; start: Float64Array } {
  const rows = Uint32Array.from(job.sources.flatMap((s) => [...s.hash]));
  const buckets = 2 ** (HASH_BITS - hiShift);
  const lo = 2 ** hiShift - 1;
  const start = new Float64Array(buckets + 1);
  // a hash the source repeats gets one target: the draw is seeded by it
  const each = (visit: (target: number, track: number, t: number) => void) => {
    job.masks.forEach((seed, k) => {
      const src = job.sources[k % job.sources.length];
      for (let pass = 0, taken = 0; taken < job.rowsPerTrack; pass++) {
        const passSeed = passMask(seed, pass);
        for (let j = 0; j < src.hash.length && taken < job.rowsPerTrack; j++, taken++) {
          const target = musicTarget(src.hash[j], passSeed, rows);
          if ((target & (job.shards - 1)) === job.parity) visit(target, job.firstId + k, src.t[j]);
        }
      }
    });
  };
  each((target) => start[(target >>> hiShift) + 1]++);
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b];
  const fill = start.slice(0, buckets);
  const keys = new Float64Array(start[buckets]);
  each((target, track, t) => (keys[fill[target >>> hiShift]++] = (target & lo) * hScale + track * tScale + t));
  return { keys, start };
}

/** The mask that pass `pass` over a source uses (a source shorter than a filler track is reused). */
export const passMask = (mask: number, pass: number) => (mask ^ Math.imul(pass, 0x9e3779)) & HASH_MASK;

/** Source hash indices grouped by (bucket, shard bits), ascending within a group. */
function group(src: FillSource, sBits: number, hiShift: number): { order: Int32Array; start: Int32Array } {
  const n = 1 << (HASH_BITS - hiShift + sBits);
  const key = (h: number) => ((h >>> hiShift) << sBits) | (h & ((1 << sBits) - 1));
  const start = new Int32Array(n + 1);
  for (let j = 0; j < src.hash.length; j++) start[key(src.hash[j]) + 1]++;
  for (let g = 0; g < n; g++) start[g + 1] += start[g];
  const fill = start.slice(0, n);
  const order = new Int32Array(src.hash.length);
  for (let j = 0; j < src.hash.length; j++) order[fill[key(src.hash[j])]++] = j;
  return { order, start };
}

export function buildShard(job: ShardJob): ShardResult {
  const t0 = performance.now();
  const sBits = Math.log2(job.shards);
  if (!Number.isInteger(sBits)) throw new Error('shard count must be a power of two');
  const db = new DatabaseSync(job.file);
  const mode = (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode;
  db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA locking_mode = EXCLUSIVE');
  const old = db.prepare('SELECT MAX(hash) AS h, MIN(t) AS tmin, MAX(t) AS t, MAX(track) AS track FROM hashes').get() as { h: number | null; tmin: number | null; t: number | null; track: number | null };
  let maxT = old.t ?? 0;
  for (const s of job.sources) for (const t of s.t) if (t > maxT) maxT = t;
  if ((old.tmin ?? 0) < 0 || job.sources.some((s) => s.t.some((t) => t < 0))) throw new Error('negative t');
  const n = job.masks.length;
  const TB = bitsFor(Math.max(old.track ?? 0, job.firstId + n));
  const TT = bitsFor(maxT);
  // a row's key is (hash below its bucket, track, t) packed in a double's 53 bits
  const HI_SHIFT = Math.min(HASH_BITS - MIN_BUCKET_BITS, 53 - TB - TT);
  if (HI_SHIFT < 1) throw new Error(`key does not fit a double: ${TB} bits of track, ${TT} of t`);
  const buckets = 2 ** (HASH_BITS - HI_SHIFT);
  const LO_MASK = 2 ** HI_SHIFT - 1;
  const tScale = 2 ** TT;
  const hScale = 2 ** (TB + TT);

  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'hashes'").get() as { sql: string }).sql;
  db.exec(`DROP TABLE IF EXISTS hashes_build; ${sql.replace(/^CREATE TABLE\s+"?hashes"?/i, 'CREATE TABLE hashes_build')}`);
  const values = (k: number) => `INSERT INTO hashes_build (hash, track, t) VALUES ${Array(k).fill('(?,?,?)').join(',')}`;
  const insBatch = db.prepare(values(BATCH));
  const insOne = db.prepare(values(1));
  const existing = db.prepare('SELECT hash, track, t FROM hashes WHERE hash >= ? AND hash < ?');

  const music = job.spread === 'music' ? musicKeys(job, HI_SHIFT, hScale, tScale) : null;
  const groups = music ? [] : job.sources.map((s) => group(s, sBits, HI_SHIFT));
  // passes over each source per filler track (the last one takes only the rows still needed)
  const passes = job.sources.map((s) => Math.ceil(job.rowsPerTrack / s.hash.length));
  let keys = new Float64Array(1 << 20);
  const args: number[] = new Array(BATCH * 3).fill(0);
  let rows = 0;
  let filler = 0;
  for (let b = 0; b < buckets; b++) {
    let m = 0;
    const push = (key: number) => {
      if (m === keys.length) {
        const grown = new Float64Array(keys.length * 2);
        grown.set(keys);
        keys = grown;
      }
      keys[m++] = key;
    };
    const base = b * 2 ** HI_SHIFT;
    for (const r of existing.iterate(base, base + 2 ** HI_SHIFT) as Iterable<{ hash: number; track: number; t: number }>) {
      push((r.hash & LO_MASK) * hScale + r.track * tScale + r.t);
    }
    const real = m;
    if (music) for (let i = music.start[b]; i < music.start[b + 1]; i++) push(music.keys[i]);
    else for (let k = 0; k < n; k++) {
      const si = k % job.sources.length;
      const src = job.sources[si];
      const { order, start } = groups[si];
      const track = job.firstId + k;
      for (let pass = 0; pass < passes[si]; pass++) {
        const mask = passMask(job.masks[k], pass);
        const limit = job.rowsPerTrack - pass * src.hash.length; // rows of the source this pass takes
        const g = ((b ^ (mask >>> HI_SHIFT)) << sBits) | (job.parity ^ (mask & (job.shards - 1)));
        for (let i = start[g]; i < start[g + 1]; i++) {
          const j = order[i];
          if (j >= limit) break;
          push((((src.hash[j] ^ mask) & LO_MASK) * hScale) + track * tScale + src.t[j]);
        }
      }
    }
    const sorted = keys.subarray(0, m).sort();
    db.exec('BEGIN');
    let a = 0;
    let prev = -1;
    for (let i = 0; i < m; i++) {
      const key = sorted[i];
      if (key === prev) continue; // INSERT OR IGNORE's duplicates (and a real row met again)
      prev = key;
      const lo = Math.floor(key / hScale);
      const rest = key - lo * hScale;
      const track = Math.floor(rest / tScale);
      args[a++] = base + lo;
      args[a++] = track;
      args[a++] = rest - track * tScale;
      if (a === args.length) {
        insBatch.run(...args);
        a = 0;
      }
      rows++;
    }
    for (let i = 0; i < a; i += 3) insOne.run(args[i], args[i + 1], args[i + 2]);
    db.exec('COMMIT');
    filler += m - real;
  }
  if ((old.h ?? 0) > HASH_MASK) db.exec(`INSERT INTO hashes_build SELECT hash, track, t FROM hashes WHERE hash > ${HASH_MASK} ORDER BY hash, track, t`);
  db.exec('DROP TABLE hashes; ALTER TABLE hashes_build RENAME TO hashes');
  db.exec(`PRAGMA locking_mode = NORMAL; PRAGMA journal_mode = ${mode}`);
  db.close();
  return { rows, filler, seconds: (performance.now() - t0) / 1000 };
}

/** Builds every shard at once, one worker thread each. */
export async function buildShards(jobs: ShardJob[]): Promise<ShardResult[]> {
  const boot = new URL('./fill-worker.mjs', import.meta.url);
  return Promise.all(
    jobs.map(
      (job) =>
        new Promise<ShardResult>((resolve, reject) => {
          const w = new Worker(boot, { workerData: job });
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => code !== 0 && reject(new Error(`fill worker exited with ${code}`)));
        }),
    ),
  );
}
