// The engine's door: presets, the streaming fingerprinter, the matcher.
export { ENVELOPE, ENVELOPE_VERSION, FP_VERSION, HYPOTHESES, presets, frameSeconds, type EngineConfig, type Hypothesis, type PresetName } from './config';
export { EXTRA_FLAG, HASH_BITS, HASH_MAX, hypothesisOf, pitchPair, timeGap, VARIANT_FLAG } from './hash';
export {
  Fingerprinter, EngineError, fingerprint, powerSpectrum,
  MIN_RATE, MAX_RATE, MAX_CHANNELS, type StreamOptions,
} from './engine';
export { concatBatches, fitRecords } from './records';
export { GrowingClip } from './growing-clip';
export type { HashBatch, Peak, QualityMetrics } from './types';
export { contentSha1, pcm16, SecondLevels } from './pcm';
export { balanceShift, SecondBands, type BalanceShift } from './balance';
export { concatBytes, concatSteps, hex } from './bytes';
export { clipProblem, clipProblemMessages, MIN_CLIP_SECONDS, type ClipProblem } from './verdict';
export { cutBatch, selectBatch } from './cut';
export * from './envelope/index';
export * from './matcher/index';
