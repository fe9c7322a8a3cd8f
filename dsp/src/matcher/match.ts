// The matcher core: votes per (track, hypothesis, time offset), +-jitter tolerance,
// calibrated confidence and an explicit "no match". Used in process by the benchmark
// and the CLI, and by the API over its D1 shards.
import type { QueryEnvelope } from '../envelope/index';
import type { HashBatch } from '../types';
import { HYPOTHESES, type Hypothesis } from '../config';
import { EXTRA_FLAG, hypothesisOf, VARIANT_FLAG } from '../hash';
import { afterLooks } from './confidence';
import { score } from './score';
import { widenTimeGaps } from './widen';
import type { Candidate, HashIndex, MatchEvidence, MatchStatus } from './types';
import { defaultVerifyOptions, verifyEnvelope, type EnvelopeVerdict, type VerifyOptions } from './verify';
import { recordingConfidence, supportOf, type Reading } from './support';
import { storedFrames } from '../envelope/index';

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
   * When the records flag their fuzz variants (hash.ts), an answer from the as-heard
   * records' own cells alone (a third of the as-heard lookups) this confident is final;
   * under it the variants are looked up too and the passes go on as if it had not been made.
   */
  settleBelow: number;
  /**
   * Share of the own cells looked up first (0: all at once): a clean clip holds more
   * evidence than it needs, and what is not read costs nothing.
   */
  firstShare: number;
  /**
   * Fewer own-cell records than this are read in one look. A first look that does not
   * settle costs a statement per shard and a scoring, some 2-3 ms through workerd, what
   * reading ~150 hashes costs, and it settles about half the time (55 % of the dev suite's
   * 3 s clips, ~400-700 own records): below some 300 records it costs more than it saves.
   * The app's first question, after ~1.2 s, has ~250.
   */
  firstLookFrom: number;
  /**
   * When no pass is confident, look the as-heard records up once more with their time gaps
   * widened by +-`tolerance` frames (0: never) and offsets voting within +-`toleranceJitter`:
   * a reverberant room moves peaks in time, not in frequency (widen.ts).
   */
  tolerance: number;
  toleranceJitter: number;
  top: number;
  /**
   * This query is the `looks`-th question about one growing capture (the app asks once a
   * second while it listens, each time with everything heard so far): any of the looks
   * could have met chance, so the answer's confidence pays for all of them (Bonferroni).
   */
  looks: number;
  /** The hypotheses the query's `hyp` indexes (config.ts HYPOTHESES unless tuning). */
  grid: readonly Hypothesis[];
  /** The band envelope's search of the candidates, when the query brings an envelope (verify.ts). */
  verify: Partial<VerifyOptions>;
}

export const defaultMatchOptions: MatchOptions = {
  jitter: 1,
  inflation: 4,
  minScore: 5,
  threshold: 0.995,
  maxPostings: 2000,
  hypotheses: 'fallback',
  settleBelow: 0.9999,
  firstShare: 0.5,
  firstLookFrom: 400,
  tolerance: 2,
  toleranceJitter: 2,
  top: 3,
  looks: 1,
  grid: HYPOTHESES,
  verify: {},
};

export interface MatchResult {
  status: MatchStatus;
  evidence: MatchEvidence;
  candidates: Candidate[];
  /** The band envelope's best candidate when it was searched (named or not), else null. */
  envelope: EnvelopeVerdict | null;
  /** Distinct hashes looked up, postings read, and how many passes were made. */
  stats: { hashes: number; postings: number; passes: number };
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

/**
 * The records whose hypothesis byte passes `keep`, stripped of their flags. In one pass into
 * sized arrays: a query holds 20-30k records, and copying them element by element through
 * callbacks cost milliseconds of an identify.
 */
function recordsWhere(q: HashBatch, keep: (y: number, i: number) => boolean): HashBatch {
  let n = 0;
  for (let i = 0; i < q.hyp.length; i++) if (keep(q.hyp[i], i)) n++;
  const out = { hash: new Uint32Array(n), t: new Int32Array(n), hyp: new Uint8Array(n) };
  for (let i = 0, k = 0; i < q.hyp.length; i++) {
    const y = q.hyp[i];
    if (!keep(y, i)) continue;
    out.hash[k] = q.hash[i];
    out.t[k] = q.t[i];
    out.hyp[k++] = hypothesisOf(y);
  }
  return out;
}

/**
 * Whether the own cells' first look reads `hash`: a pseudo-random `share` of the hash
 * space, independent of the shard a hash lives in (hash % N), so every shard answers it.
 */
export function inFirstShare(hash: number, share: number): boolean {
  return Math.imul(hash, 0x9e3779b1) >>> 0 < share * 2 ** 32;
}

/** The as-heard records of the first look. */
function firstLook(q: HashBatch, share: number): HashBatch {
  return recordsWhere(q, (y, i) => y === 0 && inFirstShare(q.hash[i], share));
}

/**
 * The tracks the envelope searches: the answer's candidates and every pass's, taken rank by
 * rank across the lists (the last pass's first after the answer's), until `tracks`. A
 * room's track may rank well only in the widened pass and a talker's only in the extra
 * peaks' (docs/engine.md "Candidates from every pass": at 71 tracks 13 more bar clips and
 * 14 more field clips than the answer's list alone; 20 tracks found fewer than 10, each
 * one more chance for the envelope to meet).
 */
export function envelopePool(lists: Candidate[][], tracks: number): number[] {
  const pool: number[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let rank = 0; rank < longest && pool.length < tracks; rank++) {
    for (const list of lists) {
      const c = list[rank];
      if (c && !pool.includes(c.track) && pool.length < tracks) pool.push(c.track);
    }
  }
  return pool;
}

/**
 * Matches a query's hash records against an index; when they name no track confidently and
 * the query brings its band envelope, the envelope searches the candidates (verify.ts).
 */
export async function match(index: HashIndex, flagged: HashBatch, options: Partial<MatchOptions> = {}, envelope?: QueryEnvelope): Promise<MatchResult> {
  const asked = { ...defaultMatchOptions, ...options };
  const verify = { ...defaultVerifyOptions, ...asked.verify };
  const verifies = envelope !== undefined && index.envelopes !== undefined && verify.tracks > 1;
  // the envelope searches more candidates than the answer lists
  const opts = verifies ? { ...asked, top: Math.max(asked.top, verify.tracks) } : asked;
  // an index may still be reading its size (the API asks D1 while the shards are read)
  const sizing = Promise.resolve(index.size());
  let maxHyp = 0;
  let hasVariants = false;
  let hasExtras = false;
  for (let i = 0; i < flagged.hyp.length; i++) {
    const y = flagged.hyp[i];
    maxHyp = Math.max(maxHyp, hypothesisOf(y));
    if (y & VARIANT_FLAG) hasVariants = true;
    if (y & EXTRA_FLAG) hasExtras = true;
  }
  // the passes after the own cells read the kept peaks' pairs (made when they run: a clip the
  // own cells answer needs no copy); the extra peaks' only when those have not answered
  let q: HashBatch = flagged;
  const stats = { hashes: 0, postings: 0, passes: 0 };
  // for an envelope answer's support (support.ts): the last as-heard pass's reading, and the widened pass's
  const read: { heard: Reading | null; widened: Reading | null } = { heard: null, widened: null };
  // every pass's best tracks, for the envelope's candidates (envelopePool)
  const ranked: Candidate[][] = [];

  const pass = async (keep: (h: number) => boolean, hypCount: number, batch = q, o = opts): Promise<Candidate[]> => {
    const hashes = distinctHashes(batch, keep);
    const [postings, size] = await Promise.all([index.lookup(hashes), sizing]);
    if (verifies && hypCount === 1) {
      if (o === opts) read.heard = { batch, postings };
      else read.widened = { batch, postings };
    }
    stats.hashes += hashes.length;
    stats.postings += postings.track.length;
    stats.passes++;
    const found = score(batch, keep, hypCount, postings, size, o);
    ranked.push(found);
    return found;
  };

  /**
   * The as-heard records' own cells, without their fuzz variants: a third of the as-heard
   * lookups (a value lies near a cell edge half the time, in each of three fields), and a
   * clean clip finds votes to spare there, so they are read in two steps: first the records
   * of a `firstShare` of the hash space (two dev clips in three settle there),
   * then the rest. An answer stands only at `settleBelow`, a fiftieth of the chance of one
   * at `threshold`, so the widened pass does not count these looks; the second pays for the
   * first (Bonferroni). Below it, null, and the passes run as if they had not been made.
   */
  const ownCells = async (): Promise<Candidate[] | null> => {
    const settles = (c: Candidate[]) => (c[0]?.confidence ?? 0) >= opts.settleBelow;
    let own = 0;
    for (let i = 0; i < flagged.hyp.length; i++) if (flagged.hyp[i] === 0) own++;
    if (opts.firstShare > 0 && opts.firstShare < 1 && own >= opts.firstLookFrom) {
      const first = await pass((y) => y === 0, 1, firstLook(flagged, opts.firstShare));
      if (settles(first)) return first;
      const rest = await pass((y) => y === 0, 1, flagged);
      if (!settles(rest)) return null;
      for (const c of rest) c.confidence = afterLooks(c.confidence, 2);
      return rest;
    }
    const all = await pass((y) => y === 0, 1, flagged);
    return settles(all) ? all : null;
  };

  const searchAll = opts.hypotheses === 'all' && maxHyp > 0;
  // passes that could answer at `threshold`: the widened pass pays for each of them
  let looks = 0;
  const settled = hasVariants && !searchAll ? await ownCells() : null;
  if (!settled && (hasVariants || hasExtras)) q = recordsWhere(flagged, (y) => (y & EXTRA_FLAG) === 0);
  let candidates: Candidate[];
  if (settled) candidates = settled;
  else if (searchAll) {
    candidates = await pass(() => true, maxHyp + 1);
    looks++;
  } else {
    candidates = await pass((h) => h === 0, 1);
    looks++;
    const asHeard = candidates[0]?.confidence ?? 0;
    if (opts.hypotheses === 'fallback' && maxHyp > 0 && asHeard < Math.max(opts.threshold, opts.settleBelow)) {
      const all = await pass(() => true, maxHyp + 1);
      looks++;
      // a narrow as-heard answer stands unless the full search confidently names another track
      const overruled = all.length > 0 && all[0].confidence >= opts.threshold && all[0].track !== candidates[0]?.track;
      if (asHeard < opts.threshold || overruled) candidates = all;
    }
  }
  // The extra peaks' pairs (config.ts `extraKeep`): what talkers push out of the strongest
  // ranks. Read when the kept pairs have not answered; their answer stands at `settleBelow`,
  // as the own cells' does, so the widened pass does not count this look, and it pays for
  // the looks before it. (Let in at `threshold` they answered 2 of the 1,600 negatives by
  // chance; counted by the widened pass, rooms lost answers that sat at its bar.)
  if (hasExtras && (candidates[0]?.confidence ?? 0) < opts.threshold) {
    const found = await pass((h) => h === 0, 1, recordsWhere(flagged, () => true));
    for (const c of found) c.confidence = afterLooks(c.confidence, looks + 1);
    if ((found[0]?.confidence ?? 0) >= opts.settleBelow) candidates = found;
  }
  // the answer before the tolerant pass's, should the envelope withdraw that one
  let unwidened: Candidate[] | null = null;
  if (opts.tolerance > 0 && (candidates[0]?.confidence ?? 0) < opts.threshold) {
    const found = await pass(() => true, 1, widenTimeGaps(q, opts.tolerance), { ...opts, jitter: opts.toleranceJitter });
    // Bonferroni: the last of several looks at one query (itself one), each of which could
    // have met chance, and its 2k + 1 gaps per record count as looks of their own (corrected
    // for the passes alone, it answered 2 of 160 clips of unindexed tracks, at 0.997 and 0.998)
    const chances = (looks + 1) * (2 * opts.tolerance + 1);
    for (const c of found) c.confidence = afterLooks(c.confidence, chances);
    if ((found[0]?.confidence ?? 0) >= opts.threshold) [unwidened, candidates] = [candidates, found];
  }
  for (const c of [...candidates, ...(unwidened ?? [])]) {
    if (opts.looks > 1) c.confidence = afterLooks(c.confidence, opts.looks);
    // a query played s times fast was searched with times scaled by s and frequencies by 1/s
    const [timeScale, freqScale] = opts.grid[c.hyp];
    c.speed = timeScale;
    c.pitch = 1 / freqScale;
  }
  let evidence: MatchEvidence = 'hashes';
  let verdict: EnvelopeVerdict | null = null;
  const contested = unwidened !== null && candidates[0].confidence < verify.widenedStands;
  if (verifies && ((candidates[0]?.confidence ?? 0) < opts.threshold || contested)) {
    const pool = envelopePool([candidates, ...ranked.reverse()], verify.tracks);
    const stored = await index.envelopes!(pool);
    verdict = verifyEnvelope(envelope, pool, stored, verify);
    if (contested && verdict && verdict.track !== candidates[0].track) candidates = unwidened!;
    if (verdict && (candidates[0]?.confidence ?? 0) < opts.threshold) {
      const readings = [read.heard, read.widened].filter((r): r is Reading => r !== null);
      const frames = storedFrames(stored.get(verdict.track)!.length);
      // the passage's chance is widened as the votes' is: it lets the support answer where the envelope alone would not
      verdict.support = supportOf(readings, verdict.track, verdict.offset, frames, verify.supportWindow, opts.inflation);
      const confidence = afterLooks(recordingConfidence(verdict.confidence, verdict.support), opts.looks);
      if (confidence >= opts.threshold) {
        const { track, offset } = verdict;
        const votes = candidates.find((c) => c.track === track)?.score ?? 0;
        const named: Candidate = { track, score: votes, confidence, offset, hyp: 0, speed: 1, pitch: 1 };
        candidates = [named, ...candidates.filter((c) => c.track !== track)];
        evidence = 'envelope';
      }
    }
  }
  candidates = candidates.slice(0, asked.top);
  const status: MatchStatus = candidates.length > 0 && candidates[0].confidence >= opts.threshold ? 'match' : 'no_match';
  return { status, evidence, candidates, envelope: verdict, stats };
}
