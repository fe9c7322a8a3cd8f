// The landmark hash as stored, low bits to high: t2 - t1 (8) | f2 - f1 + 256 (9) | f1 (9),
// written by dsp/assembly/landmarks.ts; the ABI check at load (abi.ts) holds the engine to
// these widths. The matcher, the wire format and the API read hashes only through here.
// Fields hold cells, not bins and frames: frequencies in cells of `qf` bins (half a bin since
// fp_version 5), time gaps in cells of `qt` frames (config.ts; config.test.ts checks that
// every preset's cells fit these widths).

/** Low bits: the time gap t2 - t1 in cells (1..255). */
export const DT_BITS = 8;
/** Middle bits: the frequency step f2 - f1, offset to stay positive. */
export const DF_BITS = 9;
/** High bits: the anchor's frequency cell. */
export const F1_BITS = 9;

/**
 * A record's hypothesis byte: the index of its speed/pitch hypothesis (0 = as heard) in the
 * low bits, and this flag on a fuzz variant (the neighbour cell of a value near a cell edge,
 * query side only), so the matcher can look a record's own cells up first (match.ts).
 */
export const VARIANT_FLAG = 0x80;
/**
 * And this flag on the pairs of an extra peak (config.ts `extraKeep`, query side only), so
 * the tolerant pass can leave them out.
 */
export const EXTRA_FLAG = 0x40;

/** The hypothesis index of a record's hypothesis byte. */
export const hypothesisOf = (y: number): number => y & (EXTRA_FLAG - 1);

/** Bits of a stored hash: every hash is below 2 ** HASH_BITS. */
export const HASH_BITS = DT_BITS + DF_BITS + F1_BITS;
export const HASH_MAX = 2 ** HASH_BITS - 1;
export const DT_MASK = (1 << DT_BITS) - 1;
/** Bits of the pitch pair (f1 and f2 - f1): what is left of a hash without its time gap. */
export const PITCH_PAIR_BITS = DF_BITS + F1_BITS;

/** The time gap t2 - t1 of a hash, in cells of `qt` frames. */
export const timeGap = (h: number): number => h & DT_MASK;

/** The hash without its time gap: the two peaks' frequencies, the same at any gap. */
export const pitchPair = (h: number): number => h >>> DT_BITS;

/** Keeps the stored step positive: a step's cells lie within +-(DF_OFFSET - 1). */
export const DF_OFFSET = 2 ** (DF_BITS - 1);

/** The anchor's frequency f1 of a hash, in cells of `qf` bins. */
export const anchorCell = (h: number): number => pitchPair(h) >>> DF_BITS;

/** The frequency step f2 - f1 of a hash, in cells of `qf` bins. */
export const stepCell = (h: number): number => (pitchPair(h) & (DF_OFFSET * 2 - 1)) - DF_OFFSET;
