// One pass of the matcher: the query's postings vote for (track, hypothesis, offset)
// cells, neighbouring offsets vote together, each track keeps its best window, and the
// best tracks get a confidence from the chance scores of the other tracks' windows.
import type { HashBatch } from '../types';
import { confidenceOf, tailConfidence, type NullModel } from './confidence';
import { pitchPair } from '../hash';
import { sortCells } from './radix';
import type { MatchOptions } from './match';
import type { Candidate, CatalogSize, Postings } from './types';

/** Hypotheses per query the vote keys leave room for (the engine allows 32). */
const MAX_HYPOTHESES = 32;
const OFFSET_BITS = 2 ** 22;
const OFFSET_BIAS = 2 ** 21;
/** Marks an offer its cell did not admit (record indexes stay far below it). */
const NOT_ADMITTED = 0xffffffff;

/** Scores the records whose hypothesis passes `keep` (`hypCount` hypotheses searched). */
export function score(
  q: HashBatch,
  keep: (hyp: number) => boolean,
  hypCount: number,
  postings: Postings,
  size: CatalogSize,
  opts: MatchOptions,
): Candidate[] {
  const votes = collectVotes(q, keep, postings, opts.maxPostings);
  const runs = runsOf(votes.keys, votes.n);
  const sums = windowSums(runs, opts.jitter);
  const top = bestPerTrack(runs, sums, opts.top);
  const blockLength = blockFrames(size);
  const blocks = blockBests(runs, sums, blockLength);
  const nulls = nullModels(votes.load, keep, hypCount, size.frames, opts.jitter);
  const otherBlocks = Math.ceil(size.frames / blockLength) * hypCount * (1 - 1 / Math.max(size.tracks, 1));
  for (const c of top) {
    const poisson = confidenceOf(c.score, nulls, opts.inflation);
    const tail = tailConfidence(c.score, chanceSample(blocks, c.track, otherBlocks)) ?? poisson;
    c.confidence = c.score < opts.minScore ? 0 : Math.min(poisson, tail);
  }
  return top;
}

/** Admitted votes as cell keys (track, hypothesis, offset), ascending, and the postings each hypothesis read. */
interface Votes {
  keys: Float64Array;
  n: number;
  /** Postings read per hypothesis: the chance model's lambda. */
  load: Float64Array;
}

/**
 * Every posting of a kept record offers a vote for a cell. A cell admits each query anchor
 * once (its pairs and fuzz variants are one piece of evidence) and each pitch pair
 * (f1, f2 - f1) once (a repeated figure or a held chord is one coincidence, not many:
 * chance matches between tracks in the same key are made of exactly these), the first
 * offered first. Hashes with more than `maxPostings` postings are skipped: they tell nothing.
 *
 * This is the matcher's hot loop (a query offers 20-35k votes at 10k tracks, a few hundred
 * thousand when every pass runs): the offers are sorted by cell with the record that made
 * each (the sort is stable, so a cell's offers stay in offer order), and the admission is
 * decided in one scan of each cell's offers, almost all of them alone in their cell.
 */
function collectVotes(q: HashBatch, keep: (hyp: number) => boolean, postings: Postings, maxPostings: number): Votes {
  const where = new Map<number, number>();
  for (let i = 0; i < postings.hashes.length; i++) where.set(postings.hashes[i], i);
  // the records that read postings, and how many votes they offer: sizes the arrays once
  const rows: number[] = [];
  let offered = 0;
  for (let r = 0; r < q.hash.length; r++) {
    if (!keep(q.hyp[r])) continue;
    const i = where.get(q.hash[r]);
    if (i === undefined) continue;
    const count = postings.start[i + 1] - postings.start[i];
    if (count > maxPostings) continue;
    rows.push(r, i);
    offered += count;
  }
  const keys = new Float64Array(offered);
  const by = new Uint32Array(offered);
  const load = new Float64Array(MAX_HYPOTHESES);
  let m = 0;
  for (let k = 0; k < rows.length; k += 2) {
    const r = rows[k];
    const h = q.hyp[r];
    const s = postings.start[rows[k + 1]];
    const e = postings.start[rows[k + 1] + 1];
    load[h] += e - s;
    const base = h * OFFSET_BITS + OFFSET_BIAS - q.t[r];
    for (let p = s; p < e; p++) {
      keys[m] = postings.track[p] * (MAX_HYPOTHESES * OFFSET_BITS) + base + postings.t[p];
      by[m++] = r;
    }
  }
  sortCells(keys, m, by);
  let n = 0;
  for (let i = 0; i < m; ) {
    let j = i + 1;
    while (j < m && keys[j] === keys[i]) j++;
    keys[n++] = keys[i];
    // several offers for one cell: each admitted unless it shares an anchor or a pitch pair with one admitted before it
    for (let a = i + 1; a < j; a++) {
      const r = by[a];
      let clash = false;
      for (let b = i; b < a && !clash; b++) {
        if (by[b] === NOT_ADMITTED) continue;
        clash = q.t[by[b]] === q.t[r] || pitchPair(q.hash[by[b]]) === pitchPair(q.hash[r]);
      }
      if (clash) by[a] = NOT_ADMITTED;
      else keys[n++] = keys[i];
    }
    i = j;
  }
  return { keys, n, load };
}

/** Distinct cells in key order with their votes. Keys sort by track, then hypothesis, then offset. */
interface Runs {
  key: Float64Array;
  count: Int32Array;
  length: number;
}

/** Runs of equal keys in the sorted votes: the votes for one offset. */
function runsOf(keys: Float64Array, n: number): Runs {
  const key = new Float64Array(n);
  const count = new Int32Array(n);
  let length = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && keys[j] === keys[i]) j++;
    key[length] = keys[i];
    count[length++] = j - i;
    i = j;
  }
  return { key, count, length };
}

/** (track, hypothesis) of a key: the offsets of one group may vote together. */
function groupOf(key: number): number {
  return Math.floor(key / OFFSET_BITS);
}

/**
 * Votes within +-`w` offsets of each run in its group: peaks move by a frame between the
 * recording and the query, so an alignment's votes spread over neighbouring offsets.
 */
function windowSums({ key, count, length }: Runs, w: number): Int32Array {
  const sums = new Int32Array(length);
  let lo = 0;
  let hi = 0;
  let sum = 0;
  for (let k = 0; k < length; k++) {
    const group = groupOf(key[k]);
    const off = key[k] - group * OFFSET_BITS;
    while (hi < length && groupOf(key[hi]) === group && key[hi] - group * OFFSET_BITS <= off + w) {
      sum += count[hi];
      hi++;
    }
    while (groupOf(key[lo]) !== group || key[lo] - group * OFFSET_BITS < off - w) {
      sum -= count[lo];
      lo++;
    }
    sums[k] = sum;
  }
  return sums;
}

/** Each track's best window (its first, on ties), and the best `size` tracks of those. */
function bestPerTrack({ key, length }: Runs, sums: Int32Array, size: number): Candidate[] {
  const top: Candidate[] = [];
  let cur: Candidate | null = null;
  for (let k = 0; k < length; k++) {
    const group = groupOf(key[k]);
    const track = Math.floor(group / MAX_HYPOTHESES);
    if (!cur || cur.track !== track) {
      if (cur) keepTop(top, cur, size);
      cur = { track, score: 0, confidence: 0, offset: 0, hyp: 0, speed: 1, pitch: 1 };
    }
    if (sums[k] > cur.score) {
      cur.score = sums[k];
      cur.offset = key[k] - group * OFFSET_BITS - OFFSET_BIAS;
      cur.hyp = group % MAX_HYPOTHESES;
    }
  }
  if (cur) keepTop(top, cur, size);
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

/** The best window of every block of offsets that has votes, with its track; `max`: the best of all. */
interface Blocks {
  track: number[];
  score: number[];
  max: number;
}

/** Blocks follow the key order too, so each block's windows are consecutive runs. */
function blockBests({ key, length }: Runs, sums: Int32Array, blockLength: number): Blocks {
  const blocks: Blocks = { track: [], score: [], max: 0 };
  let current = -1;
  for (let k = 0; k < length; k++) {
    const group = groupOf(key[k]);
    const off = key[k] - group * OFFSET_BITS;
    const block = group * (OFFSET_BITS / blockLength) + Math.floor(off / blockLength);
    if (block !== current) {
      current = block;
      blocks.track.push(Math.floor(group / MAX_HYPOTHESES));
      blocks.score.push(0);
    }
    const b = blocks.score.length - 1;
    if (sums[k] > blocks.score[b]) blocks.score[b] = sums[k];
    if (sums[k] > blocks.max) blocks.max = sums[k];
  }
  return blocks;
}

/** The Poisson chance model of each hypothesis searched (confidence.ts): its postings spread over the catalog's offsets. */
function nullModels(load: Float64Array, keep: (hyp: number) => boolean, hypCount: number, frames: number, jitter: number): NullModel[] {
  const window = 2 * jitter + 1;
  const nulls: NullModel[] = [];
  for (let h = 0; h < hypCount; h++) {
    if (keep(h)) nulls.push({ lambda: (load[h] * window) / Math.max(frames, 1), cells: Math.max(frames, 1) });
  }
  return nulls;
}

/**
 * How many blocks of tracks other than `track` have each best score, for the empirical
 * tail: a chorus heard again later in the same song is not chance. Blocks without votes
 * count as zeros, up to the `otherBlocks` the catalog has.
 */
function chanceSample(blocks: Blocks, track: number, otherBlocks: number): number[] {
  const others = new Array<number>(blocks.max + 1).fill(0);
  let voted = 0;
  for (let b = 0; b < blocks.track.length; b++) {
    if (blocks.track[b] === track) continue;
    others[blocks.score[b]]++;
    voted++;
  }
  others[0] += Math.max(0, otherBlocks - voted);
  return others;
}
