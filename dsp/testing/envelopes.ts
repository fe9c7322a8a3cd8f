// Synthetic band envelopes: a track's stored levels and a query's steps that pool to them,
// for the envelope's tests in the matcher, through the API and in the radio monitor.
import { ENVELOPE, ENVELOPE_BLOCK_S as BLOCK_S, STORED_BLOCK_BYTES, storedLevels } from '../src/index';
import { rng } from './synth';

/** Seconds of every synthetic stored envelope. */
export const ENVELOPE_SECONDS = 60;
export const BLOCKS = Math.floor(ENVELOPE_SECONDS / BLOCK_S);
const LEVELS = 1 << ENVELOPE.bits;

/** A stored envelope of random levels (4 bits a value, two a byte), deterministic per seed. */
export function levels(seed: number): Uint8Array {
  const r = rng(seed);
  return Uint8Array.from({ length: BLOCKS * STORED_BLOCK_BYTES }, () => Math.floor(r() * LEVELS) | (Math.floor(r() * LEVELS) << 4));
}

/** Steps that pool to `stored`'s blocks from block `from` on, each step a little off (+-2 dB). */
export function heardSteps(stored: Uint8Array, from: number, blocks: number, seed: number): Float32Array {
  const r = rng(seed);
  const nb = ENVELOPE.bands;
  const stepped = storedLevels(stored);
  const out = new Float32Array(blocks * ENVELOPE.blockSteps * nb);
  for (let k = 0; k < blocks; k++) {
    for (let b = 0; b < nb; b++) {
      const level = stepped[(from + k) * nb + b];
      for (let j = 0; j < ENVELOPE.blockSteps; j++) out[(k * ENVELOPE.blockSteps + j) * nb + b] = 10 ** ((-level * ENVELOPE.stepDb + (r() * 4 - 2)) / 10);
    }
  }
  return out;
}
