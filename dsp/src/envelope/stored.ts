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

/** A stored envelope as linear power relative to the track's loudest value (blocks x bands). */
export function readStored(bytes: Uint8Array): Float32Array {
  const n = storedBlocks(bytes.length) * ENVELOPE.bands;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 10 ** (-(((bytes[i >> 1] >> ((i & 1) * 4)) & 15) * ENVELOPE.stepDb) / 10);
  return out;
}
