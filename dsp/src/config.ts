// Named engine presets, in the spirit of Olaf's olaf_config: one place for every
// parameter that shapes the fingerprint. Index-side extraction is sparse (small index),
// query-side extraction is denser and searches speed/pitch hypotheses.

/**
 * Bump when anything that changes index-side hashes changes, or the hypothesis grid: a
 * query's `hyp` is an index into HYPOTHESES, so the grid is part of the wire format.
 */
export const FP_VERSION = 5;

/**
 * The band envelope that confirms the matcher's candidates (docs/engine.md "A band envelope
 * confirms the candidates"): the same on both sides whatever the preset. Bump
 * ENVELOPE_VERSION when anything here, or the envelope stage (dsp/assembly/envelope.ts),
 * changes what the index stores.
 */
export const ENVELOPE_VERSION = 2;
export const ENVELOPE = {
  /**
   * Bands spaced evenly in log frequency over loHz..hiHz (about a sixth of an octave): a
   * narrower band tells a passage's notes apart where a room keeps only their loudness
   * (version 2; docs/engine.md "Narrower bands").
   */
  bands: 32,
  loHz: 150,
  hiHz: 3800,
  /** Engine frames the module sums into a step (the query's alignment grid: 32 ms). */
  stepFrames: 2,
  /** Steps the index pools into one stored value (256 ms). */
  blockSteps: 8,
  /** The index stores each value in `stepDb` steps below the track's loudest, in `bits` bits. */
  stepDb: 3,
  bits: 4,
  /** The query's last blocks searched at most (15.4 s: the app listens 15 s): bounds the search's cost. */
  queryBlocks: 60,
} as const;

/** Time scale a and frequency scale b applied to query peaks before hashing. */
export type Hypothesis = readonly [timeScale: number, freqScale: number];

export interface EngineConfig {
  /** Engine sample rate (Hz); every input is resampled to it. */
  rate: number;
  fftSize: number;
  hop: number;
  /** Analysed band (Hz). */
  fLoHz: number;
  fHiHz: number;
  /** Resampler low-pass cut-off (Hz) and kernel half-length in zero crossings. */
  cutoffHz: number;
  zeroCrossings: number;
  /** A peak is the maximum of its (2r+1) bins x (2r+1) frames neighbourhood. */
  peakFreqRadius: number;
  peakTimeRadius: number;
  /** ...and one of the `rankKeep` strongest within `rankWindow` frames around it. */
  rankWindow: number;
  rankKeep: number;
  /** Bins below this level (dB re a full-scale sine) are never peaks: silence gives no hashes. */
  floorDb: number;
  /**
   * Peaks are picked on the power averaged over this many frames (the last ones: causal, so
   * streaming waits for nothing): noise and a room's random colouring of each frame move
   * peaks less. Both sides must agree: part of the hash format.
   */
  smoothFrames: number;
  /**
   * A bass band from `bassHz` up to `fLoHz` (0: none) with a rank budget of its own,
   * `bassKeep` peaks within `rankWindow`: the band stays out of the main band's budget and
   * main-band anchors never pair with it, so a telephone or a small speaker that loses
   * the bass loses only the extra hashes.
   */
  bassHz: number;
  bassKeep: number;
  /** Rank peaks with this tilt (dB per octave): > 0 favours higher bins. */
  tiltDbPerOctave: number;
  /** Pairs per anchor, and the target zone (frames, bins). */
  fanout: number;
  dtMin: number;
  dtMax: number;
  dfMax: number;
  /**
   * Quantisation steps of the hash fields (bins, frames). Frequencies in half bins
   * (`fp_version` 5): a peak's interpolated frequency holds to a fraction of a bin where its
   * time does not, and the finer cells cut the chance rows a hash meets (docs/engine.md
   * "Half-bin cells"); the hash layout has room for both (hash.ts).
   */
  qf: number;
  qt: number;
  /** Emit the neighbour cell too when a value lies within `fuzz` of a cell edge (query side). */
  fuzz: number;
  /** Pairs per anchor and fuzz for the speed/pitch hypotheses (all but the first). */
  hypFanout: number;
  hypFuzz: number;
  /**
   * Besides its `fanout` next peaks, pair an anchor with the `strongFanout` strongest other
   * peaks of its zone: a weaker peak that noise adds in between does not push those out.
   * (Hypothesis 0 only: the speed/pitch hypotheses pair with their next peaks alone.)
   */
  strongFanout: number;
  /**
   * Emit an anchor's as-heard pairs with its next `fanout` peaks as soon as those peaks are
   * final, instead of when its whole zone (and every hypothesis' longer reach) is: the same
   * records, ~0.7 s sooner, in another order. The query side's, so an answer comes sooner;
   * the index keeps one order (its golden digests are of the records in order).
   */
  earlyPairs: boolean;
  /**
   * Main-band peaks ranked past `rankKeep`, up to `rankKeep + extraKeep`, anchor pairs of
   * their own (as-heard only) with any peak, while the kept peaks pair among themselves as
   * without them: a query's records are the ones it had plus theirs. Talkers take the
   * strongest ranks; the music they push down still anchors (query side; 0 on the index).
   */
  extraKeep: number;
  /** Measure BS.1770 loudness (two biquads per input sample); off for bulk ingest. */
  loudness: boolean;
  hypotheses: readonly Hypothesis[];
}

const common = {
  rate: 8000,
  fftSize: 512,
  hop: 128,
  fLoHz: 250,
  fHiHz: 3500,
  cutoffHz: 3600,
  zeroCrossings: 8,
  floorDb: -90,
  smoothFrames: 2,
  bassHz: 60,
  tiltDbPerOctave: 0,
  dtMin: 2,
  dtMax: 63,
  dfMax: 64,
  qf: 0.5,
  qt: 1,
} as const;

/**
 * Speed changes (tempo and pitch together) in 1 % steps to +-6 %, then pitch-only shifts,
 * then tempo-only changes (time-stretching that keeps the pitch: a DJ's key lock, a
 * station's time compression), which the speed grid only half covers beyond 3 %.
 */
function hypothesisGrid(): readonly Hypothesis[] {
  const grid: Hypothesis[] = [[1, 1]];
  for (let i = 1; i <= 6; i++) {
    // a query played s times too fast has its times divided and its frequencies multiplied by s
    for (const s of [1 + i / 100, 1 - i / 100]) grid.push([s, 1 / s]);
  }
  for (const semis of [-1, -0.5, 0.5, 1]) {
    const p = Math.pow(2, semis / 12);
    grid.push([1, 1 / p]);
  }
  for (const s of [1.02, 0.98, 1.04, 0.96]) grid.push([s, 1]);
  return grid;
}

/** The query's hypotheses, by the index records carry (`hyp`); versioned by FP_VERSION. */
export const HYPOTHESES = hypothesisGrid();

export const presets = {
  index: {
    ...common,
    peakFreqRadius: 6,
    peakTimeRadius: 4,
    rankWindow: 63,
    rankKeep: 10,
    bassKeep: 2,
    fanout: 2,
    strongFanout: 1,
    fuzz: 0,
    hypFanout: 3,
    hypFuzz: 0,
    earlyPairs: false,
    extraKeep: 0,
    loudness: false,
    hypotheses: [[1, 1]],
  },
  query: {
    ...common,
    peakFreqRadius: 4,
    peakTimeRadius: 3,
    rankWindow: 63,
    rankKeep: 20,
    bassKeep: 4,
    fanout: 8,
    strongFanout: 1,
    fuzz: 0.25,
    hypFanout: 4,
    hypFuzz: 0.1,
    earlyPairs: true,
    extraKeep: 20,
    loudness: true,
    hypotheses: HYPOTHESES,
  },
} satisfies Record<string, EngineConfig>;

export type PresetName = keyof typeof presets;

/** Seconds per frame of the engine's time axis. */
export function frameSeconds(cfg: EngineConfig): number {
  return cfg.hop / cfg.rate;
}
