// Steps (the module's output: band power summed over ENVELOPE.stepFrames frames) pooled
// into blocks of ENVELOPE.blockSteps, in dB: the resolution both sides compare at.
import { ENVELOPE, frameSeconds, presets } from '../config';

/** Seconds a pooled block spans (256 ms). */
export const ENVELOPE_BLOCK_S = ENVELOPE.blockSteps * ENVELOPE.stepFrames * frameSeconds(presets.index);

const FLOOR = 1e-9;

/** Blocks of `blockSteps` steps from step `phase` on, in dB (blocks x bands, block-major). */
export function pooledDb(steps: Float32Array, phase: number): Float32Array {
  const nb = ENVELOPE.bands;
  const g = ENVELOPE.blockSteps;
  const blocks = Math.max(0, Math.floor((steps.length / nb - phase) / g));
  const out = new Float32Array(blocks * nb);
  for (let k = 0; k < blocks; k++) {
    for (let b = 0; b < nb; b++) {
      let s = 0;
      for (let j = 0; j < g; j++) s += steps[((phase + k * g + j) * nb) + b];
      out[k * nb + b] = 10 * Math.log10(s + FLOOR);
    }
  }
  return out;
}

/** The steps of frames `from`..`until` (engine frames, as a cut of the records takes them). */
export function stepsBetween(steps: Float32Array, from: number, until: number): Float32Array {
  const nb = ENVELOPE.bands;
  const last = Math.min(steps.length / nb, Math.floor(until / ENVELOPE.stepFrames));
  return steps.subarray(Math.max(0, Math.ceil(from / ENVELOPE.stepFrames)) * nb, Math.max(0, last) * nb);
}

/**
 * Each block's mean across bands taken off, in place: a phone's automatic gain moves every
 * band together, the song's contour does not.
 */
export function centreBlocks(db: Float32Array): Float32Array {
  const nb = ENVELOPE.bands;
  for (let o = 0; o < db.length; o += nb) {
    let m = 0;
    for (let b = 0; b < nb; b++) m += db[o + b];
    m /= nb;
    for (let b = 0; b < nb; b++) db[o + b] -= m;
  }
  return db;
}
