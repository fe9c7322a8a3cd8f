/** Hash records as the engine emits them: parallel arrays, one entry per landmark. */
export interface HashBatch {
  /** 26-bit landmark hashes. */
  hash: Uint32Array;
  /** Anchor time in engine frames (after the hypothesis' time scale). */
  t: Int32Array;
  /** The speed/pitch hypothesis that produced the record (0 = as heard), and a fuzz variant's flag (hash.ts `hypothesisOf`). */
  hyp: Uint8Array;
}

/** Spectral peak: time (frames), frequency (bins), strength (ln power), fractional. */
export interface Peak {
  t: number;
  f: number;
  s: number;
}

/** Audio-quality metrics of everything pushed so far. */
export interface QualityMetrics {
  durationS: number;
  peakDbfs: number;
  rmsDbfs: number;
  /** ITU-R BS.1770 integrated loudness (LUFS); -Infinity when everything is gated out, NaN when not measured (index preset). */
  loudnessLufs: number;
  clippingRatio: number;
  silenceRatio: number;
  /** Spectral estimate: in-band power over a median-based noise floor (dB). */
  snrDb: number;
  invalidRatio: number;
  dcOffset: number;
}
