// The hashes' word on an answer of the band envelope (docs/engine.md "The recording, not the
// arrangement" and "What chance gives the support"). The envelope hears an arrangement's form,
// so a remix or another version that keeps the form matches as well as the recording does
// (six clips of an unindexed remix were named its original at 0.997-1.0). Only the recording
// has the original's exact peaks at the envelope's alignment, so the answer also needs the
// query's anchors there: how many found a posting of the named track in a window of frames
// around its offset, against how many a version would find there, and against how many the
// passage around the offset gives the query.
import type { HashBatch } from '../types';
import { logPoissonTail } from './confidence';
import type { Postings } from './types';

/** A pass's records and the postings they read. */
export interface Reading {
  batch: HashBatch;
  postings: Postings;
}

export interface Support {
  /** Distinct query anchors (record times) with a posting at the offset. */
  anchors: number;
  /**
   * P(a version gives at least that many): all the track's postings read, spread evenly. It
   * counts postings against distinct anchors, an over-count on the safe side that also holds
   * a sibling track's resembling passage (docs/engine.md "The version test's rate").
   */
  chance: number;
  /**
   * P(at least that many where the passage around the offset gives the query as many as it
   * does), its rate widened by the matcher's `inflation`.
   */
  near: number;
}

/**
 * Where the recording's anchors lie around the envelope's offset, in frames. A room delays
 * the contour's energy, and the envelope's offset comes out early by about its delay (by the
 * true offset, 4 frames in the bar set's rooms, 5 at RT60 1.5 s), while the peaks' anchors
 * stay near the sound's onsets: in rooms they lie up to 2-3 frames after the envelope's offset
 * (docs/engine.md "Narrower bands"), so the window reaches further after it than before.
 */
export interface SupportWindow {
  before: number;
  after: number;
}

/**
 * Windows either side of the offset's own that are not chance either: a room smears the
 * recording's anchors over the next window or so.
 */
const SPILL = 1;
/** Frames either side that make the passage around the offset (2.9 s), cut into windows of the support's width. */
const NEAR_FRAMES = 180;

/**
 * The support of (track, offset) in `readings`. For a version, every posting of the track
 * read counts towards the chance rate, once per reading: passes that read the same records
 * again make the rate higher, never lower. For the passage, the query's distinct anchors
 * are counted in each window of the support's width within NEAR_FRAMES of the offset,
 * and a negative binomial fitted to them: chance anchors cluster where a passage shares the
 * query's chords and pace, and spread evenly over the track they named 4 of 261 wrong
 * envelope picks at P <= 0.0001 (session 32).
 */
export function supportOf(readings: readonly Reading[], track: number, offset: number, trackFrames: number, window: SupportWindow, inflation: number): Support {
  const width = window.before + window.after + 1;
  const nearWindows = Math.floor(NEAR_FRAMES / width);
  const windows = new Map<number, Set<number>>();
  let read = 0;
  for (const { batch, postings } of readings) {
    const where = new Map<number, number>();
    for (let i = 0; i < postings.hashes.length; i++) where.set(postings.hashes[i], i);
    for (let r = 0; r < batch.hash.length; r++) {
      // as heard only: the envelope's offset is the as-heard alignment
      if (batch.hyp[r] !== 0) continue;
      const i = where.get(batch.hash[r]);
      if (i === undefined) continue;
      for (let p = postings.start[i]; p < postings.start[i + 1]; p++) {
        if (postings.track[p] !== track) continue;
        read++;
        const w = Math.floor((postings.t[p] - batch.t[r] - offset + window.before) / width);
        if (Math.abs(w) > nearWindows) continue;
        let anchors = windows.get(w);
        if (!anchors) windows.set(w, (anchors = new Set()));
        anchors.add(batch.t[r]);
      }
    }
  }
  const anchors = windows.get(0)?.size ?? 0;
  const lambda = (read * width) / Math.max(trackFrames, 1);
  const near = new Moments();
  for (let w = -nearWindows; w <= nearWindows; w++) if (Math.abs(w) > SPILL) near.add(windows.get(w)?.size ?? 0);
  return { anchors, chance: Math.exp(logPoissonTail(anchors, lambda)), near: near.tail(anchors, inflation) };
}

/** Counts' mean and variance, and the negative binomial tail they fit. */
class Moments {
  private n = 0;
  private sum = 0;
  private squares = 0;

  add(x: number): void {
    this.n++;
    this.sum += x;
    this.squares += x * x;
  }

  /** P(X >= k), the rate widened by `inflation` and the over-dispersion kept (the same shape). */
  tail(k: number, inflation: number): number {
    if (this.n < 2) return 1;
    // windows that gave the query no anchor still could have given one
    const mean = Math.max(this.sum / this.n, 1 / this.n);
    const variance = (this.squares - (this.sum * this.sum) / this.n) / (this.n - 1);
    const widened = mean * inflation;
    // the same shape: a Poisson stays one, a negative binomial keeps its size (mean^2 / excess)
    const excess = Math.max(0, variance - mean) * inflation * inflation;
    return negativeBinomialTail(k, widened, widened + excess);
  }
}

/** P(X >= k) for a negative binomial of this mean and variance (a Poisson when not over-dispersed). */
export function negativeBinomialTail(k: number, mean: number, variance: number): number {
  if (k <= 0) return 1;
  if (variance <= mean) return Math.exp(logPoissonTail(k, mean));
  const size = (mean * mean) / (variance - mean);
  const q = mean / variance;
  // the pmf by its recurrence in log space, summed from k upwards
  let logP = size * Math.log(q);
  let tail = 0;
  for (let x = 0; ; x++) {
    if (x >= k) {
      const term = Math.exp(logP);
      tail += term;
      if (term <= 1e-15 * tail || x > k + 10_000) break;
    }
    logP += Math.log((x + size) / (x + 1)) + Math.log1p(-q);
  }
  return Math.min(1, tail);
}

/**
 * How sure an envelope answer is of the recording. Three things could give it without it:
 * - an unrelated track: the envelope's pick and the support are both chance;
 * - a passage of another track that resembles the query (a loop at the same pace, the same
 *   chords): its anchors crowd the passage and the envelope's pick lands in it;
 * - another version of this track: the envelope is right about the form, and only the
 *   support is chance (`chance`).
 * The first two are ruled out by the envelope's own P, as in session 31, or where the
 * envelope is unsure among its candidates, by the envelope and the support against the
 * passage together (`near`; Fisher's combination of the two P). The third is always asked.
 */
export function recordingConfidence(envelope: number, support: Support): number {
  const alone = 1 - envelope;
  const joint = alone * support.near;
  const together = joint > 0 ? Math.min(1, joint * (1 - Math.log(joint))) : 0;
  return 1 - Math.max(Math.min(alone, together), support.chance);
}
