// The matcher core: votes per (track, hypothesis, time offset), +-jitter tolerance,
// calibrated confidence and an explicit "no match". Used in process by the benchmark
// and the CLI, and by the API over its D1 shards.
import type { HashBatch } from '../types';
import { confidenceOf, tailConfidence, type NullModel } from './confidence';
import { HYPOTHESES, type Hypothesis } from '../config';
import { pitchPair } from '../hash';
import { Ballot } from './ballot';
import { sortCells } from './radix';
import { widenTimeGaps } from './widen';
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
  /**
   * With 'fallback': an as-heard answer less confident than this is checked by the full
   * search, which may confidently name another track (a pitch-shifted song can half-match
   * another song as heard). Answers under `threshold` are searched again in any case.
   */
  settleBelow: number;
  /**
   * When no pass is confident, look the as-heard records up once more with their time gaps
   * widened by +-`tolerance` frames (0: never) and offsets voting within +-`toleranceJitter`:
   * a reverberant room moves peaks in time, not in frequency (widen.ts).
   */
  tolerance: number;
  toleranceJitter: number;
  top: number;
  /** The hypotheses the query's `hyp` indexes (config.ts HYPOTHESES unless tuning). */
  grid: readonly Hypothesis[];
}

export const defaultMatchOptions: MatchOptions = {
  jitter: 1,
  inflation: 4,
  minScore: 5,
  threshold: 0.995,
  maxPostings: 2000,
  hypotheses: 'fallback',
  settleBelow: 0.9999,
  tolerance: 2,
  toleranceJitter: 2,
  top: 3,
  grid: HYPOTHESES,
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
/** Chance blocks ranked for the empirical tail (it reads ranks 2 and 10). */
const RANKED = 16;
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
  // the records that read postings, and how many votes they offer
  const rows: number[] = [];
  let offered = 0;
  for (let r = 0; r < q.hash.length; r++) {
    if (!keep(q.hyp[r])) continue;
    const i = where.get(q.hash[r]);
    if (i === undefined) continue;
    const count = postings.start[i + 1] - postings.start[i];
    if (count > opts.maxPostings) continue;
    rows.push(r, i);
    offered += count;
  }
  const keys = new Float64Array(offered);
  let n = 0;
  const load = new Float64Array(nHyp); // postings per hypothesis, for lambda
  const ballot = new Ballot(offered);
  for (let k = 0; k < rows.length; k += 2) {
    const r = rows[k];
    const h = q.hyp[r];
    const s = postings.start[rows[k + 1]];
    const e = postings.start[rows[k + 1] + 1];
    load[h] += e - s;
    const tq = q.t[r];
    const prefix = pitchPair(q.hash[r]);
    for (let p = s; p < e; p++) {
      const key = (postings.track[p] * nHyp + h) * OFFSET_BITS + postings.t[p] - tq + OFFSET_BIAS;
      if (ballot.admit(key, tq, prefix)) keys[n++] = key;
    }
  }
  sortCells(keys, n);
  // runs of equal keys are votes for one offset
  const runKey = new Float64Array(n);
  const runCount = new Int32Array(n);
  let runs = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && keys[j] === keys[i]) j++;
    runKey[runs] = keys[i];
    runCount[runs++] = j - i;
    i = j;
  }
  // Best window per (track, hypothesis) and per block of offsets. Keys sort by track, then
  // hypothesis, then offset, so each track's and each block's windows are consecutive.
  const BLOCK_FRAMES = blockFrames({ frames, tracks });
  const w = opts.jitter;
  const top: Candidate[] = [];
  const blockTrack: number[] = [];
  const blockScore: number[] = [];
  let maxScore = 0;
  let cur: Candidate | null = null;
  let curBlock = -1;
  let lo = 0;
  let hi = 0;
  let windowSum = 0;
  const flushTrack = () => {
    if (cur) keepTop(top, cur, opts.top);
  };
  for (let k = 0; k < runs; k++) {
    const group = Math.floor(runKey[k] / OFFSET_BITS);
    const off = runKey[k] - group * OFFSET_BITS;
    // window [off - w, off + w] within the same group
    while (hi < runs && Math.floor(runKey[hi] / OFFSET_BITS) === group && runKey[hi] - group * OFFSET_BITS <= off + w) {
      windowSum += runCount[hi];
      hi++;
    }
    while (Math.floor(runKey[lo] / OFFSET_BITS) !== group || runKey[lo] - group * OFFSET_BITS < off - w) {
      windowSum -= runCount[lo];
      lo++;
    }
    const track = Math.floor(group / nHyp);
    if (!cur || cur.track !== track) {
      flushTrack();
      cur = { track, score: 0, confidence: 0, offset: 0, hyp: 0, speed: 1, pitch: 1 };
    }
    if (windowSum > cur.score) {
      cur.score = windowSum;
      cur.offset = off - OFFSET_BIAS;
      cur.hyp = group % nHyp;
    }
    const block = group * (OFFSET_BITS / BLOCK_FRAMES) + Math.floor(off / BLOCK_FRAMES);
    if (block !== curBlock) {
      curBlock = block;
      blockTrack.push(track);
      blockScore.push(0);
    }
    const b = blockScore.length - 1;
    if (windowSum > blockScore[b]) blockScore[b] = windowSum;
    if (windowSum > maxScore) maxScore = windowSum;
  }
  flushTrack();
  const window = 2 * w + 1;
  const nulls: NullModel[] = [];
  for (let h = 0; h < hypCount; h++) {
    if (keep(h)) nulls.push({ lambda: (load[h] * window) / Math.max(frames, 1), cells: Math.max(frames, 1) });
  }
  // the chance sample: best score of every block of every hypothesis, as a histogram
  const allBlocks = new Int32Array(maxScore + 1);
  for (const s of blockScore) allBlocks[s]++;
  const catalogBlocks = Math.ceil(frames / BLOCK_FRAMES) * hypCount;
  const otherBlocks = catalogBlocks * (1 - 1 / Math.max(tracks, 1));
  for (const c of top) {
    const poisson = confidenceOf(c.score, nulls, opts.inflation);
    // other tracks only: a chorus heard again later in the same song is not chance
    const own = new Int32Array(maxScore + 1);
    for (let b = 0; b < blockTrack.length; b++) if (blockTrack[b] === c.track) own[blockScore[b]]++;
    const ranked: number[] = [];
    for (let s = maxScore; s > 0 && ranked.length < RANKED; s--) {
      for (let m = allBlocks[s] - own[s]; m > 0 && ranked.length < RANKED; m--) ranked.push(s);
    }
    while (ranked.length < Math.min(otherBlocks, RANKED)) ranked.push(0);
    const tail = tailConfidence(c.score, ranked) ?? poisson;
    c.confidence = c.score < opts.minScore ? 0 : Math.min(poisson, tail);
  }
  return top;
}

/** Keeps `list` the best `size` candidates, by score then track id. */
function keepTop(list: Candidate[], c: Candidate, size: number): void {
  const before = (a: Candidate, b: Candidate) => a.score > b.score || (a.score === b.score && a.track < b.track);
  if (list.length === size && !before(c, list[size - 1])) return;
  let i = list.length < size ? list.length : size - 1;
  list[i] = c;
  for (; i > 0 && before(list[i], list[i - 1]); i--) [list[i], list[i - 1]] = [list[i - 1], list[i]];
}

/** Matches a query's hash records against an index. */
export async function match(index: HashIndex, q: HashBatch, options: Partial<MatchOptions> = {}): Promise<MatchResult> {
  const opts = { ...defaultMatchOptions, ...options };
  // an index may still be reading its size (the API asks D1 while the shards are read)
  const sizing = Promise.resolve(index.size());
  let maxHyp = 0;
  for (let i = 0; i < q.hyp.length; i++) if (q.hyp[i] > maxHyp) maxHyp = q.hyp[i];
  const stats = { hashes: 0, postings: 0, passes: 0 };

  const pass = async (keep: (h: number) => boolean, hypCount: number, batch = q, o = opts): Promise<Candidate[]> => {
    const hashes = distinctHashes(batch, keep);
    const [postings, size] = await Promise.all([index.lookup(hashes), sizing]);
    stats.hashes += hashes.length;
    stats.postings += postings.track.length;
    stats.passes++;
    return score(batch, keep, hypCount, postings, size, o);
  };

  let candidates: Candidate[];
  if (opts.hypotheses === 'all' && maxHyp > 0) {
    candidates = await pass(() => true, maxHyp + 1);
  } else {
    candidates = await pass((h) => h === 0, 1);
    const asHeard = candidates[0]?.confidence ?? 0;
    if (opts.hypotheses === 'fallback' && maxHyp > 0 && asHeard < Math.max(opts.threshold, opts.settleBelow)) {
      const all = await pass(() => true, maxHyp + 1);
      // a narrow as-heard answer stands unless the full search confidently names another track
      const overruled = all.length > 0 && all[0].confidence >= opts.threshold && all[0].track !== candidates[0]?.track;
      if (asHeard < opts.threshold || overruled) candidates = all;
    }
  }
  if (opts.tolerance > 0 && (candidates[0]?.confidence ?? 0) < opts.threshold) {
    const found = await pass(() => true, 1, widenTimeGaps(q, opts.tolerance), { ...opts, jitter: opts.toleranceJitter });
    // Bonferroni: the last of several looks at one query, each of which could have met
    // chance, and its 2k + 1 gaps per record count as looks of their own (corrected for the
    // passes alone, it answered 2 of 160 clips of unindexed tracks, at 0.997 and 0.998)
    const looks = stats.passes * (2 * opts.tolerance + 1);
    for (const c of found) c.confidence = Math.max(0, 1 - (1 - c.confidence) * looks);
    if ((found[0]?.confidence ?? 0) >= opts.threshold) candidates = found;
  }
  for (const c of candidates) {
    // a query played s times fast was searched with times scaled by s and frequencies by 1/s
    const [timeScale, freqScale] = opts.grid[c.hyp];
    c.speed = timeScale;
    c.pitch = 1 / freqScale;
  }
  const status: MatchStatus = candidates.length > 0 && candidates[0].confidence >= opts.threshold ? 'match' : 'no_match';
  return { status, candidates, stats };
}
