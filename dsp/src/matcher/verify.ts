// The band envelope's verdict on the matcher's candidates (docs/engine.md "A band envelope
// confirms the candidates"): when the hashes name no track confidently, the query's envelope
// is searched over each candidate's stored envelope at every offset and phase, as heard and
// through a modelled room, and the best Pearson r is weighed against the other candidates'
// best r per block of offsets, which stand in for chance.
import { ENVELOPE } from '../config';
import { centreBlocks, readStored, type QueryEnvelope } from '../envelope/index';

export interface VerifyOptions {
  /** Distinct candidate tracks searched (the best one and its chance sample). */
  tracks: number;
  /** Room decays (RT60, s) applied to the stored envelope; 0 is the track as stored. */
  rooms: readonly number[];
  /** Offsets (stored blocks) per block of the chance sample: 8 s, as the matcher's chance blocks. */
  blockOffsets: number;
  /** Fewer query blocks than this carry too little contour to weigh. */
  minBlocks: number;
  /** Fewer chance blocks than this give no fit worth trusting. */
  minChanceBlocks: number;
}

const BLOCK_S = 0.256;
export const defaultVerifyOptions: VerifyOptions = {
  tracks: 10,
  rooms: [0, 0.6],
  blockOffsets: Math.round(8 / BLOCK_S),
  minBlocks: 8,
  minChanceBlocks: 60,
};

export interface EnvelopeVerdict {
  track: number;
  /** exp(-E), E the expected number of chance blocks as good over every block searched. */
  confidence: number;
  r: number;
  /** Where in the track the query starts, in engine frames. */
  offset: number;
}

/** The stored envelope as each room would give it, centred per block (dB, blocks x bands). */
function roomViews(stored: Float32Array, rooms: readonly number[]): Float32Array[] {
  const nb = ENVELOPE.bands;
  return rooms.map((rt) => {
    const out = new Float32Array(stored.length);
    const a = rt > 0 ? 10 ** ((-6 * BLOCK_S) / rt) : 0;
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
 * Best r over the phases at each offset of one view: a window's dot product with the
 * query over the window's own per-band spread (the query is centred and of unit norm).
 */
function correlate(q: QueryEnvelope, x: Float32Array, best: Float32Array): void {
  const nb = ENVELOPE.bands;
  const L = q.blocks;
  const span = L * nb;
  const offsets = best.length / q.phases.length;
  const sum = new Float64Array(nb);
  const sq = new Float64Array(nb);
  for (let i = 0; i < span; i++) {
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
    const inv = v > 1e-9 ? 1 / Math.sqrt(v) : 0;
    const base = s * nb;
    for (let p = 0; p < q.phases.length; p++) {
      const qp = q.phases[p];
      // four sums (a span is a whole number of 16-band blocks): a third less time in V8
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      for (let i = 0; i < span; i += 4) {
        d0 += qp[i] * x[base + i];
        d1 += qp[i + 1] * x[base + i + 1];
        d2 += qp[i + 2] * x[base + i + 2];
        d3 += qp[i + 3] * x[base + i + 3];
      }
      const r = (d0 + d1 + d2 + d3) * inv;
      if (r > best[s * q.phases.length + p]) best[s * q.phases.length + p] = r;
    }
  }
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
    const views = roomViews(readStored(bytes), opts.rooms);
    const offsets = views[0].length / ENVELOPE.bands - q.blocks + 1;
    if (offsets < 1) continue;
    const best = new Float32Array(offsets * phases).fill(-1);
    for (const x of views) correlate(q, x, best);
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
  const total = searched.reduce((s, c) => s + c.blocks.length, 0);
  const { track, best } = searched[top];
  let at = 0;
  for (let i = 1; i < best.length; i++) if (best[i] > best[at]) at = i;
  const s = Math.floor(at / phases);
  const phase = at % phases;
  return {
    track,
    confidence: Math.exp(-p * total),
    r: topR,
    offset: (s * ENVELOPE.blockSteps - phase) * ENVELOPE.stepFrames,
  };
}
