// The matcher core: votes per (track, hypothesis, time offset), +-jitter tolerance,
// calibrated confidence and an explicit "no match". Used in process by the benchmark
// and the CLI, and by the API over its D1 shards.
import type { HashBatch } from '../types';
import { confidenceOf, tailConfidence, type NullModel } from './confidence';
import type { Candidate, CatalogSize, HashIndex, MatchStatus, Postings } from './types';

export interface MatchOptions {
  /** Offsets within +-jitter frames vote together. */
  jitter: number;
  /** Widening of the chance model (see confidence.ts). */
  inflation: number;
  /** Fewer aligned votes than this is never a match, whatever the statistics say. */
  minScore: number;
  /** Confidence needed for "match". */
  threshold: number;
  /** Hashes with more postings than this carry no information and are skipped. */
  maxPostings: number;
  /** Search the speed/pitch hypotheses only when hypothesis 0 gives no confident answer. */
  hypotheses: 'none' | 'fallback' | 'all';
  top: number;
}

export const defaultMatchOptions: MatchOptions = {
  jitter: 1,
  inflation: 4,
  minScore: 5,
  threshold: 0.995,
  maxPostings: 2000,
  hypotheses: 'fallback',
  top: 3,
};

export interface MatchResult {
  status: MatchStatus;
  candidates: Candidate[];
  /** Distinct hashes looked up, postings read, and how many passes were made. */
  stats: { hashes: number; postings: number; passes: number };
}

/** Hypotheses per query the vote keys leave room for (the engine allows 32). */
const MAX_HYPOTHESES = 32;
const OFFSET_BITS = 2 ** 22;
const OFFSET_BIAS = 2 ** 21;
/**
 * Chance is sampled per block of offsets: 512 frames (8.2 s) in a real catalog, shorter
 * in a tiny one so that it still has some 64 blocks outside any one track.
 */
function blockFrames({ frames, tracks }: CatalogSize): number {
  const others = frames * (1 - 1 / Math.max(tracks, 1));
  let b = 512;
  while (b > 16 && others / b < 64) b /= 2;
  return b;
}

/**
 * Who has voted in which cell. Most cells get one vote, so the first voter is kept packed
 * in a number and only cells with several voters get a list.
 */
class Ballot {
  private first = new Map<number, number>();
  private more = new Map<number, number[]>();

  /** Whether a vote by anchor time `tq` with pitch pair `prefix` (18 bits) counts in `cell`. */
  admit(cell: number, tq: number, prefix: number): boolean {
    const tag = tq * 262144 + prefix;
    const f = this.first.get(cell);
    if (f === undefined) {
      this.first.set(cell, tag);
      return true;
    }
    if (clash(f, tq, prefix)) return false;
    const list = this.more.get(cell);
    if (!list) {
      this.more.set(cell, [tag]);
      return true;
    }
    for (const g of list) if (clash(g, tq, prefix)) return false;
    list.push(tag);
    return true;
  }
}

function clash(tag: number, tq: number, prefix: number): boolean {
  const p = tag % 262144;
  return p === prefix || (tag - p) / 262144 === tq;
}

/** Distinct sorted hashes of the records whose hypothesis passes `keep`. */
function distinctHashes(q: HashBatch, keep: (hyp: number) => boolean): Uint32Array {
  const list: number[] = [];
  for (let i = 0; i < q.hash.length; i++) if (keep(q.hyp[i])) list.push(q.hash[i]);
  const a = Uint32Array.from(list).sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[n++] = a[i];
  return a.slice(0, n);
}

function score(
  q: HashBatch,
  keep: (hyp: number) => boolean,
  hypCount: number,
  postings: Postings,
  { frames, tracks }: CatalogSize,
  opts: MatchOptions,
): Candidate[] {
  const where = new Map<number, number>();
  for (let i = 0; i < postings.hashes.length; i++) where.set(postings.hashes[i], i);
  const nHyp = MAX_HYPOTHESES;
  let keys = new Float64Array(1 << 16);
  let n = 0;
  const load = new Float64Array(nHyp);     // postings per hypothesis, for lambda
  const ballot = new Ballot();
  for (let r = 0; r < q.hash.length; r++) {
    const h = q.hyp[r];
    if (!keep(h)) continue;
    const i = where.get(q.hash[r]);
    if (i === undefined) continue;
    const s = postings.start[i];
    const e = postings.start[i + 1];
    if (e - s > opts.maxPostings) continue;
    load[h] += e - s;
    if (n + (e - s) > keys.length) {
      const grown = new Float64Array(Math.max(keys.length * 2, n + (e - s)));
      grown.set(keys.subarray(0, n));
      keys = grown;
    }
    const tq = q.t[r];
    for (let p = s; p < e; p++) {
      const d = postings.t[p] - tq + OFFSET_BIAS;
      const key = (postings.track[p] * nHyp + h) * OFFSET_BITS + d;
      // A cell counts each query anchor once (its pairs and fuzz variants are one piece of
      // evidence) and each pitch pair (f1, f2 - f1) once (a repeated figure or a held
      // chord is one coincidence, not many: chance matches between tracks in the same key
      // are made of exactly these).
      if (!ballot.admit(key, tq, q.hash[r] >>> 8)) continue;
      keys[n++] = key;
    }
  }
  const sorted = keys.subarray(0, n).sort();
  // best window per (track, hypothesis); runs of equal keys are votes for one offset
  const best = new Map<number, Candidate>();
  const blockBest = new Map<number, number>();
  const BLOCK_FRAMES = blockFrames({ frames, tracks });
  const BLOCKS = OFFSET_BITS / BLOCK_FRAMES;
  const w = opts.jitter;
  let i = 0;
  const runKey: number[] = [];
  const runCount: number[] = [];
  while (i < n) {
    let j = i;
    while (j < n && sorted[j] === sorted[i]) j++;
    runKey.push(sorted[i]);
    runCount.push(j - i);
    i = j;
  }
  let lo = 0;
  let windowSum = 0;
  let hi = 0;
  for (let k = 0; k < runKey.length; k++) {
    const group = Math.floor(runKey[k] / OFFSET_BITS);
    const off = runKey[k] - group * OFFSET_BITS;
    // window [off - w, off + w] within the same group
    while (hi < runKey.length && Math.floor(runKey[hi] / OFFSET_BITS) === group && runKey[hi] - group * OFFSET_BITS <= off + w) {
      windowSum += runCount[hi];
      hi++;
    }
    while (Math.floor(runKey[lo] / OFFSET_BITS) !== group || runKey[lo] - group * OFFSET_BITS < off - w) {
      windowSum -= runCount[lo];
      lo++;
    }
    const track = Math.floor(group / nHyp);
    const hyp = group % nHyp;
    const prev = best.get(track);
    if (!prev || windowSum > prev.score) {
      best.set(track, { track, score: windowSum, confidence: 0, offset: off - OFFSET_BIAS, hyp });
    }
    const block = group * BLOCKS + Math.floor(off / BLOCK_FRAMES);
    if (windowSum > (blockBest.get(block) ?? 0)) blockBest.set(block, windowSum);
  }
  const window = 2 * w + 1;
  const nulls: NullModel[] = [];
  for (let h = 0; h < hypCount; h++) {
    if (keep(h)) nulls.push({ lambda: (load[h] * window) / Math.max(frames, 1), cells: Math.max(frames, 1) });
  }
  const all = [...best.values()].sort((a, b) => b.score - a.score || a.track - b.track);
  // the chance sample: best score of every block of every hypothesis, by track
  const blocks = [...blockBest.entries()]
    .map(([key, score]) => ({ track: Math.floor(key / BLOCKS / nHyp), score }))
    .sort((a, b) => b.score - a.score);
  const catalogBlocks = Math.ceil(frames / BLOCK_FRAMES) * hypCount;
  const out = all.slice(0, opts.top);
  for (const c of out) {
    const poisson = confidenceOf(c.score, nulls, opts.inflation);
    // other tracks only: a chorus heard again later in the same song is not chance
    const ranked: number[] = [];
    for (const b of blocks) {
      if (b.track !== c.track) ranked.push(b.score);
      if (ranked.length >= 16) break;
    }
    const otherBlocks = catalogBlocks * (1 - 1 / Math.max(tracks, 1));
    while (ranked.length < Math.min(otherBlocks, 16)) ranked.push(0);
    const tail = tailConfidence(c.score, ranked) ?? poisson;
    c.confidence = c.score < opts.minScore ? 0 : Math.min(poisson, tail);
  }
  return out;
}

/** Matches a query's hash records against an index. */
export async function match(index: HashIndex, q: HashBatch, options: Partial<MatchOptions> = {}): Promise<MatchResult> {
  const opts = { ...defaultMatchOptions, ...options };
  const size = index.size();
  let maxHyp = 0;
  for (let i = 0; i < q.hyp.length; i++) if (q.hyp[i] > maxHyp) maxHyp = q.hyp[i];
  const stats = { hashes: 0, postings: 0, passes: 0 };

  const pass = async (keep: (h: number) => boolean, hypCount: number): Promise<Candidate[]> => {
    const hashes = distinctHashes(q, keep);
    const postings = await index.lookup(hashes);
    stats.hashes += hashes.length;
    stats.postings += postings.track.length;
    stats.passes++;
    return score(q, keep, hypCount, postings, size, opts);
  };

  let candidates: Candidate[];
  if (opts.hypotheses === 'all' && maxHyp > 0) {
    candidates = await pass(() => true, maxHyp + 1);
  } else {
    candidates = await pass((h) => h === 0, 1);
    const confident = candidates.length > 0 && candidates[0].confidence >= opts.threshold;
    if (!confident && opts.hypotheses === 'fallback' && maxHyp > 0) {
      candidates = await pass(() => true, maxHyp + 1);
    }
  }
  const status: MatchStatus = candidates.length > 0 && candidates[0].confidence >= opts.threshold ? 'match' : 'no_match';
  return { status, candidates, stats };
}
