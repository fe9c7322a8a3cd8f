// The band envelope's verdict on the matcher's candidates (docs/engine.md "A band envelope
// confirms the candidates"): when the hashes name no track confidently, the query's envelope
// is searched over each candidate's stored envelope at every offset and phase, as heard and
// through a modelled room, and the best Pearson r is weighed against the other candidates'
// best r per block of offsets, which stand in for chance.
import { ENVELOPE } from '../config';
import { centreBlocks, ENVELOPE_BLOCK_S, levelPower, storedLevels, type QueryEnvelope } from '../envelope/index';
import { jsCorrelator, type Correlator } from './correlator';
import type { Support, SupportWindow } from './support';

export interface VerifyOptions {
  /** Distinct candidate tracks searched (the best one and its chance sample). */
  tracks: number;
  /**
   * The share of the search's chance each candidate is allowed, by its place in the hashes'
   * order: the first, then the second; the rest share what is left. The hashes rank the right
   * track first in 4 of 5 envelope answers and spread chance picks evenly over the places
   * (docs/engine.md "The hashes' order as a prior"), so the tests are weighted as they rank,
   * which keeps their sum, and with it the chance of any answer, where it was.
   */
  shares: readonly number[];
  /** Room decays (RT60, s) applied to the stored envelope; 0 is the track as stored. */
  rooms: readonly number[];
  /** Offsets (stored blocks) per block of the chance sample: 8 s, as the matcher's chance blocks. */
  blockOffsets: number;
  /** Fewer query blocks than this carry too little contour to weigh. */
  minBlocks: number;
  /** Fewer chance blocks than this give no fit worth trusting. */
  minChanceBlocks: number;
  /** Who computes the dot products (correlator.ts). */
  correlator: Correlator;
  /** Frames around the envelope's offset where the hashes' anchors support it (support.ts). */
  supportWindow: SupportWindow;
  /**
   * An answer of the hashes' tolerant pass (widen.ts) under this confidence is searched by
   * the envelope too, and withdrawn where the envelope picks another track: the widened
   * votes are correlated beyond what the chance model counts, and at 100k tracks two
   * negatives were named so at 0.996 and 0.998 (docs/engine.md "Checked by the
   * envelope"). 0 never searches a tolerant answer.
   */
  widenedStands: number;
}

export const defaultVerifyOptions: VerifyOptions = {
  tracks: 10,
  shares: [0.5, 0.2],
  rooms: [0, 0.6],
  blockOffsets: Math.round(8 / ENVELOPE_BLOCK_S),
  minBlocks: 8,
  minChanceBlocks: 60,
  correlator: jsCorrelator,
  supportWindow: { before: 4, after: 6 },
  widenedStands: 0.999,
};

export interface EnvelopeVerdict {
  track: number;
  /** exp(-E), E the expected number of chance blocks as good over the blocks searched, each track's weighed by its share. */
  confidence: number;
  r: number;
  /** Where in the track the query starts, in engine frames. */
  offset: number;
  /** The hashes' support at that offset, once the matcher has weighed it (support.ts). */
  support?: Support;
}

/** The stored envelope as each room would give it, centred per block (dB, blocks x bands). */
function roomViews(bytes: Uint8Array, rooms: readonly number[]): Float32Array[] {
  const nb = ENVELOPE.bands;
  // decoded once; the power only where a room's decay needs it
  const levels = storedLevels(bytes);
  let stored: Float32Array | null = null;
  return rooms.map((rt) => {
    const out = new Float32Array(levels.length);
    if (rt === 0) {
      // as stored, the levels are the dB: no logarithms to take
      for (let i = 0; i < levels.length; i++) out[i] = -levels[i] * ENVELOPE.stepDb;
      return centreBlocks(out);
    }
    stored ??= levelPower(levels);
    const a = 10 ** ((-6 * ENVELOPE_BLOCK_S) / rt);
    for (let b = 0; b < nb; b++) {
      let y = 0;
      for (let o = b; o < stored.length; o += nb) {
        y = stored[o] + a * y;
        out[o] = 10 * Math.log10(y + 1e-12);
      }
    }
    return centreBlocks(out);
  });
}

/**
 * 1 / the spread of each window of L blocks of a view (its per-band variance summed, as
 * the query's phases are centred per band), by running sums; 0 for a window without spread.
 */
function spreads(x: Float32Array, L: number, offsets: number): Float32Array {
  const nb = ENVELOPE.bands;
  const inv = new Float32Array(offsets);
  const sum = new Float64Array(nb);
  const sq = new Float64Array(nb);
  for (let i = 0; i < L * nb; i++) {
    sum[i % nb] += x[i];
    sq[i % nb] += x[i] * x[i];
  }
  for (let s = 0; s < offsets; s++) {
    if (s > 0) {
      // slide the window one block: drop block s-1, add block s+L-1
      const out = (s - 1) * nb;
      const inn = (s + L - 1) * nb;
      for (let b = 0; b < nb; b++) {
        sum[b] += x[inn + b] - x[out + b];
        sq[b] += x[inn + b] * x[inn + b] - x[out + b] * x[out + b];
      }
    }
    let v = 0;
    for (let b = 0; b < nb; b++) v += sq[b] - (sum[b] * sum[b]) / L;
    // a window without spread (silence, a held level) says nothing either way: r 0
    inv[s] = v > 1e-9 ? 1 / Math.sqrt(v) : 0;
  }
  return inv;
}

/** Each searched track's share of the chance, by its place: `opts.shares` first, the rest even, summing to 1. */
function shares(n: number, opts: VerifyOptions): number[] {
  const named = opts.shares.slice(0, n);
  const rest = n > named.length ? Math.max(0, 1 - named.reduce((s, x) => s + x, 0)) / (n - named.length) : 0;
  const raw = Array.from({ length: n }, (_, i) => named[i] ?? rest);
  const sum = raw.reduce((s, x) => s + x, 0);
  return raw.map((x) => x / sum);
}

const fisher = (r: number) => Math.atanh(Math.min(0.9999, Math.max(-0.9999, r)));

/**
 * The best candidate by envelope and its confidence; null when the query or the chance
 * sample is too short to weigh. `stored` holds the candidates' stored envelopes by track.
 */
export function verifyEnvelope(
  q: QueryEnvelope,
  candidates: readonly number[],
  stored: ReadonlyMap<number, Uint8Array>,
  options: Partial<VerifyOptions> = {},
): EnvelopeVerdict | null {
  const opts = { ...defaultVerifyOptions, ...options };
  if (q.blocks < opts.minBlocks) return null;
  const phases = q.phases.length;
  const searched: { track: number; best: Float32Array; blocks: number[] }[] = [];
  for (const track of candidates) {
    if (searched.length === opts.tracks) break;
    const bytes = stored.get(track);
    if (!bytes || searched.some((c) => c.track === track)) continue;
    const views = roomViews(bytes, opts.rooms);
    const offsets = views[0].length / ENVELOPE.bands - q.blocks + 1;
    if (offsets < 1) continue;
    const best = new Float32Array(offsets * phases).fill(-1);
    for (const x of views) opts.correlator.correlate(q, x, spreads(x, q.blocks, offsets), best);
    const blocks: number[] = [];
    for (let s0 = 0; s0 < offsets; s0 += opts.blockOffsets) {
      let m = -1;
      for (let i = s0 * phases; i < Math.min(offsets, s0 + opts.blockOffsets) * phases; i++) m = Math.max(m, best[i]);
      blocks.push(m);
    }
    searched.push({ track, best, blocks });
  }
  if (searched.length < 2) return null;
  let top = 0;
  let topR = -1;
  searched.forEach((c, i) => {
    const m = Math.max(...c.blocks);
    if (m > topR) [top, topR] = [i, m];
  });
  // the best track's own blocks are left out: a chorus heard again is not chance
  const chance = searched.flatMap((c, i) => (i === top ? [] : c.blocks.map(fisher)));
  if (chance.length < opts.minChanceBlocks) return null;
  const mean = chance.reduce((s, z) => s + z, 0) / chance.length;
  const sd = Math.sqrt(chance.reduce((s, z) => s + (z - mean) ** 2, 0) / chance.length);
  if (!(sd > 0)) return null;
  // a Gumbel of block maxima fitted by its moments: P(one chance block reaches the best r)
  const beta = (sd * Math.sqrt(6)) / Math.PI;
  const mu = mean - 0.5772156649 * beta;
  const p = -Math.expm1(-Math.exp(-(fisher(topR) - mu) / beta));
  const share = shares(searched.length, opts);
  // E = P x the blocks searched, each track's blocks weighed by its share (weighted Bonferroni)
  const weighed = searched.reduce((s, c, i) => s + c.blocks.length * share[i], 0) / share[top];
  const { track, best } = searched[top];
  let at = 0;
  for (let i = 1; i < best.length; i++) if (best[i] > best[at]) at = i;
  const s = Math.floor(at / phases);
  const phase = at % phases;
  return {
    track,
    confidence: Math.exp(-p * weighed),
    r: topR,
    offset: (s * ENVELOPE.blockSteps - phase) * ENVELOPE.stepFrames - q.firstFrame,
  };
}
