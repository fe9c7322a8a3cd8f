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
// `music` spread: instead of the mask, filler track k is its source transposed, every
// anchor moved by the same -64..63 cells, with the low 3 bits of each pitch step and time
// gap flipped (8,192 variants of each source). Its hashes then fall where music's fall, so a
// query hash meets the filler at about the rate music gives it (the in-process `music`
// filler's aim, filler-index.ts), and a transposed song meets a query as another song
// might. A bucket is a range of anchor cells and a shard a time gap's low bits, so one
// (bucket, shard)'s rows of a filler track come from two buckets of its source.
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { HASH_BITS, HASH_MAX } from '../../dsp/src/index';
import { DF_BITS, DT_BITS, F1_BITS } from '../../dsp/src/hash';

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
  /** One 26-bit mask (or, for music, transposition code) per filler track; track firstId + k uses masks[k], source k % sources.length. */
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

/** Bits below the anchor cell. */
const ANCHOR_SHIFT = DF_BITS + DT_BITS;
const ANCHOR_CELLS = 2 ** F1_BITS;
const FLIP_BITS = 3;
/** A music filler code's anchor move, -64..63 cells. */
const shiftOf = (code: number) => (code & 127) - 64;
/** A music filler code's flips of the pitch step's and the time gap's low bits. */
const flipOf = (code: number) => ((((code >>> 7) & 7) << DT_BITS) | ((code >>> 10) & 7)) >>> 0;

/** Hash `h` of a source as music filler `code` holds it. */
export function transposed(h: number, code: number): number {
  const anchor = ((h >>> ANCHOR_SHIFT) + shiftOf(code) + ANCHOR_CELLS) % ANCHOR_CELLS;
  return ((anchor << ANCHOR_SHIFT) | ((h ^ flipOf(code)) & (2 ** ANCHOR_SHIFT - 1))) >>> 0;
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
  // music filler moves whole anchor cells: a bucket must be a range of them, and the shard bits the time gap's flipped ones
  if (job.spread === 'music' && (HI_SHIFT < ANCHOR_SHIFT || job.shards > 2 ** FLIP_BITS)) throw new Error(`music filler needs buckets of whole anchor cells and at most ${2 ** FLIP_BITS} shards`);
  const cellsPerBucket = 2 ** (HI_SHIFT - ANCHOR_SHIFT);
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

  const groups = job.sources.map((s) => group(s, sBits, HI_SHIFT));
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
    for (let k = 0; k < n; k++) {
      const si = k % job.sources.length;
      const src = job.sources[si];
      const { order, start } = groups[si];
      const track = job.firstId + k;
      for (let pass = 0; pass < passes[si]; pass++) {
        const mask = passMask(job.masks[k], pass);
        const limit = job.rowsPerTrack - pass * src.hash.length; // rows of the source this pass takes
        if (job.spread === 'uniform') {
          const g = ((b ^ (mask >>> HI_SHIFT)) << sBits) | (job.parity ^ (mask & (job.shards - 1)));
          for (let i = start[g]; i < start[g + 1]; i++) {
            const j = order[i];
            if (j >= limit) break;
            push((((src.hash[j] ^ mask) & LO_MASK) * hScale) + track * tScale + src.t[j]);
          }
          continue;
        }
        // the source's anchor cells that land in bucket b lie in this bucket and the next
        const from = Math.floor(((b * cellsPerBucket - shiftOf(mask) + ANCHOR_CELLS) % ANCHOR_CELLS) / cellsPerBucket);
        const parity = job.parity ^ (flipOf(mask) & (job.shards - 1));
        for (const sb of [from, (from + 1) % buckets]) {
          const g = (sb << sBits) | parity;
          for (let i = start[g]; i < start[g + 1]; i++) {
            const j = order[i];
            if (j >= limit) break;
            const h = transposed(src.hash[j], mask);
            if (h >>> HI_SHIFT === b) push((h & LO_MASK) * hScale + track * tScale + src.t[j]);
          }
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
