// The landmark hash as stored: f1 (9 bits) | f2 - f1 + 256 (9) | t2 - t1 (8), written by
// dsp/assembly/landmarks.ts.

/** Bits of a stored hash: every hash is below 2 ** HASH_BITS. */
export const HASH_BITS = 26;
