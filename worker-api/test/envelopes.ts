// Synthetic tracks with band envelopes, and queries the hashes alone cannot name: the
// envelope's tests through the API and the radio monitor's.
import type { IngestRequest } from '../../common/api-types';
import { ENVELOPE, ENVELOPE_BLOCK_S as BLOCK_S, ENVELOPE_VERSION, STORED_BLOCK_BYTES } from '../../dsp/src/index';
import { rng } from '../../dsp/testing/index';
import { base64url as b64 } from '../encoding';
import { syntheticHashes, track } from './fixtures';

/** Seconds of every synthetic track here. */
const SECONDS = 60;
export const BLOCKS = Math.floor(SECONDS / BLOCK_S);
const LEVELS = 1 << ENVELOPE.bits;

/** A stored envelope of random levels (4 bits a value, two a byte), deterministic per seed. */
export function levels(seed: number): Uint8Array {
  const r = rng(seed);
  return Uint8Array.from({ length: BLOCKS * STORED_BLOCK_BYTES }, () => Math.floor(r() * LEVELS) | (Math.floor(r() * LEVELS) << 4));
}

export const withEnvelope = (seed: number, over: Partial<IngestRequest> = {}) => track(seed, { envelope: { version: ENVELOPE_VERSION, data: b64(levels(seed)) }, ...over });

/** Steps that pool to `stored`'s blocks from block `from` on, each step a little off (+-2 dB). */
export function heardSteps(stored: Uint8Array, from: number, blocks: number, seed: number): Float32Array {
  const r = rng(seed);
  const nb = ENVELOPE.bands;
  const out = new Float32Array(blocks * ENVELOPE.blockSteps * nb);
  for (let k = 0; k < blocks; k++) {
    for (let b = 0; b < nb; b++) {
      const i = (from + k) * nb + b;
      const level = (stored[i >> 1] >> ((i & 1) * 4)) & 15;
      for (let j = 0; j < ENVELOPE.blockSteps; j++) out[(k * ENVELOPE.blockSteps + j) * nb + b] = 10 ** ((-level * ENVELOPE.stepDb + (r() * 4 - 2)) / 10);
    }
  }
  return out;
}

/** Too few records of each track to name one: 3 aligned records of `seed`, 2 of every other track. */
export function weakHashes(seed: number, startFrame: number, others: number[]) {
  const pick = (s: number, n: number, aligned: boolean) => {
    const full = syntheticHashes(s, SECONDS);
    const idx = full.t.map((t, i) => [t, i]).filter(([t]) => t >= startFrame && t < startFrame + 300).slice(0, n);
    return idx.map(([t, i]) => [full.hash[i], aligned ? t - startFrame : (t * 7) % 300] as const);
  };
  const rec = [...pick(seed, 3, true), ...others.flatMap((s) => pick(s, 2, false))];
  return { hash: Uint32Array.from(rec, ([h]) => h), t: Int32Array.from(rec, ([, t]) => t), hyp: new Uint8Array(rec.length) };
}
