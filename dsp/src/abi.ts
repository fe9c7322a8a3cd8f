// The engine's WebAssembly interface by name. Slot numbers, block strides and the hash
// layout are the module's own (dsp/assembly exports them as globals); the host says which
// value goes in which named slot, and checks at load that the module has every name and
// that the names fill every slot, so a slot added or moved on one side fails at once
// instead of shifting every value after it.
import { ENVELOPE, type EngineConfig } from './config';
import { DF_BITS, DT_BITS, EXTRA_FLAG, F1_BITS, VARIANT_FLAG } from './hash';
import type { QualityMetrics } from './types';

/** What goes in each configuration slot (dsp/assembly/config.ts); the hypotheses follow from C_HYP. */
const CONFIG = {
  C_RATE: (c) => c.rate,
  C_FFT: (c) => c.fftSize,
  C_HOP: (c) => c.hop,
  C_F_LO: (c) => c.fLoHz,
  C_F_HI: (c) => c.fHiHz,
  C_CUTOFF: (c) => c.cutoffHz,
  C_ZERO_X: (c) => c.zeroCrossings,
  C_PEAK_F_RADIUS: (c) => c.peakFreqRadius,
  C_PEAK_T_RADIUS: (c) => c.peakTimeRadius,
  C_RANK_WINDOW: (c) => c.rankWindow,
  C_RANK_KEEP: (c) => c.rankKeep,
  C_FLOOR_DB: (c) => c.floorDb,
  C_TILT: (c) => c.tiltDbPerOctave,
  C_FANOUT: (c) => c.fanout,
  C_DT_MIN: (c) => c.dtMin,
  C_DT_MAX: (c) => c.dtMax,
  C_DF_MAX: (c) => c.dfMax,
  C_QF: (c) => c.qf,
  C_QT: (c) => c.qt,
  C_FUZZ: (c) => c.fuzz,
  C_N_HYP: (c) => c.hypotheses.length,
  C_LOUDNESS: (c) => (c.loudness ? 1 : 0),
  C_HYP_FANOUT: (c) => c.hypFanout,
  C_HYP_FUZZ: (c) => c.hypFuzz,
  C_STRONG_FANOUT: (c) => c.strongFanout,
  C_SMOOTH: (c) => c.smoothFrames,
  C_BASS_HZ: (c) => c.bassHz,
  C_BASS_KEEP: (c) => c.bassKeep,
  C_EARLY: (c) => (c.earlyPairs ? 1 : 0),
  C_EXTRA_KEEP: (c) => c.extraKeep,
  C_ENV_BANDS: () => ENVELOPE.bands,
  C_ENV_LO_HZ: () => ENVELOPE.loHz,
  C_ENV_HI_HZ: () => ENVELOPE.hiHz,
  C_ENV_STEP: () => ENVELOPE.stepFrames,
} satisfies Record<string, (c: EngineConfig) => number>;

/** Which measure each quality slot holds (dsp/assembly/quality.ts). */
const QUALITY = {
  Q_DURATION: 'durationS',
  Q_PEAK_DBFS: 'peakDbfs',
  Q_RMS_DBFS: 'rmsDbfs',
  Q_LOUDNESS: 'loudnessLufs',
  Q_CLIPPING: 'clippingRatio',
  Q_SILENCE: 'silenceRatio',
  Q_SNR: 'snrDb',
  Q_INVALID: 'invalidRatio',
  Q_DC: 'dcOffset',
} satisfies Record<string, keyof QualityMetrics>;

/** The hash widths and the variant flag the host reads records by (hash.ts), as the module must write them. */
const HASH_LAYOUT = { HASH_DT_BITS: DT_BITS, HASH_DF_BITS: DF_BITS, HASH_F1_BITS: F1_BITS, HYP_VARIANT_FLAG: VARIANT_FLAG, HYP_EXTRA_FLAG: EXTRA_FLAG };

export interface Layout {
  /** Slot of each configuration name; hypotheses (time, frequency scale) pairs from `hypSlot`. */
  config: Record<keyof typeof CONFIG, number>;
  hypSlot: number;
  maxHypotheses: number;
  configSize: number;
  quality: Record<keyof typeof QUALITY, number>;
  qualityFields: number;
  /** i32 words per hash record (hash, t, hypothesis) and f32 words per peak (t, f, strength). */
  recordI32: number;
  peakF32: number;
}

function constant(exports: WebAssembly.Exports, name: string): number {
  const g = exports[name];
  if (!(g instanceof WebAssembly.Global)) throw new Error(`dsp: the engine module exports no ${name}: rebuild it (npm run build:dsp)`);
  return Number(g.value);
}

function slots<K extends string>(exports: WebAssembly.Exports, names: K[], size: number, what: string): Record<K, number> {
  const out = Object.fromEntries(names.map((n) => [n, constant(exports, n)])) as Record<K, number>;
  const filled = new Set(Object.values<number>(out));
  if (filled.size !== names.length || filled.size !== size || [...filled].some((s) => s < 0 || s >= size)) {
    throw new Error(`dsp: the module's ${what} slots (${size}) are not the ${names.length} the host names: rebuild, or name the new slot in dsp/src/abi.ts`);
  }
  return out;
}

const layouts = new WeakMap<WebAssembly.Module, Layout>();

/** The module's layout, checked against the host's names (once per compiled module). */
export function layoutOf(module: WebAssembly.Module, exports: WebAssembly.Exports): Layout {
  let l = layouts.get(module);
  if (l) return l;
  for (const [name, bits] of Object.entries(HASH_LAYOUT)) {
    if (constant(exports, name) !== bits) throw new Error(`dsp: the module writes ${name} = ${constant(exports, name)}, the host reads ${bits} (dsp/src/hash.ts)`);
  }
  const hypSlot = constant(exports, 'C_HYP');
  l = {
    config: slots(exports, Object.keys(CONFIG) as (keyof typeof CONFIG)[], hypSlot, 'configuration'),
    hypSlot,
    maxHypotheses: constant(exports, 'MAX_HYP'),
    configSize: constant(exports, 'C_SIZE'),
    quality: slots(exports, Object.keys(QUALITY) as (keyof typeof QUALITY)[], constant(exports, 'Q_FIELDS'), 'quality'),
    qualityFields: constant(exports, 'Q_FIELDS'),
    recordI32: constant(exports, 'RECORD_I32'),
    peakF32: constant(exports, 'PEAK_F32'),
  };
  layouts.set(module, l);
  return l;
}

/** The configuration block's values, slot by slot. */
export function configBlock(l: Layout, cfg: EngineConfig): Float64Array {
  if (cfg.hypotheses.length < 1 || cfg.hypotheses.length > l.maxHypotheses) throw new Error(`1 to ${l.maxHypotheses} hypotheses`);
  const block = new Float64Array(l.hypSlot + 2 * cfg.hypotheses.length);
  for (const [name, value] of Object.entries(CONFIG)) block[l.config[name as keyof typeof CONFIG]] = value(cfg);
  cfg.hypotheses.forEach(([a, b], i) => block.set([a, b], l.hypSlot + 2 * i));
  return block;
}

/** The quality block read by name. */
export function qualityOf(l: Layout, block: Float64Array): QualityMetrics {
  return Object.fromEntries(Object.entries(QUALITY).map(([name, field]) => [field, block[l.quality[name as keyof typeof QUALITY]]])) as unknown as QualityMetrics;
}
