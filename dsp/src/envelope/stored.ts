// The index's envelope of a track: its steps pooled into blocks (from the first step), each
// value stored in `stepDb` steps below the track's loudest, `bits` bits a value, two values
// a byte (low nibble first). What a stored envelope holds is versioned by ENVELOPE_VERSION.
import { ENVELOPE } from '../config';
import { pooledDb } from './pool';

const LEVELS = (1 << ENVELOPE.bits) - 1;
if (ENVELOPE.bits !== 4 || ENVELOPE.bands % 2 !== 0) throw new Error('stored envelopes pack two 4-bit values a byte');

/** Bytes a stored block takes. */
export const STORED_BLOCK_BYTES = ENVELOPE.bands / 2;

export function storeEnvelope(steps: Float32Array): Uint8Array {
  const db = pooledDb(steps, 0);
  let top = -Infinity;
  for (const v of db) top = Math.max(top, v);
  const out = new Uint8Array(db.length / 2);
  for (let i = 0; i < db.length; i++) {
    const level = Math.min(LEVELS, Math.max(0, Math.round((top - db[i]) / ENVELOPE.stepDb)));
    out[i >> 1] |= level << ((i & 1) * 4);
  }
  return out;
}

/** Blocks held by a stored envelope of `bytes` bytes. */
export function storedBlocks(bytes: number): number {
  return Math.floor(bytes / STORED_BLOCK_BYTES);
}

/** Engine frames a stored envelope of `bytes` bytes covers. */
export function storedFrames(bytes: number): number {
  return storedBlocks(bytes) * ENVELOPE.blockSteps * ENVELOPE.stepFrames;
}

/** Each level's power relative to the track's loudest value. */
const POWER = Float32Array.from({ length: LEVELS + 1 }, (_, k) => 10 ** (-(k * ENVELOPE.stepDb) / 10));

/** A stored envelope's levels, one a value (blocks x bands): steps of `stepDb` below the loudest. */
export function storedLevels(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(storedBlocks(bytes.length) * ENVELOPE.bands);
  for (let i = 0; i < out.length; i++) out[i] = (bytes[i >> 1] >> ((i & 1) * 4)) & 15;
  return out;
}

/** Levels as linear power relative to the track's loudest value. */
export function levelPower(levels: Uint8Array): Float32Array {
  const out = new Float32Array(levels.length);
  for (let i = 0; i < levels.length; i++) out[i] = POWER[levels[i]];
  return out;
}
