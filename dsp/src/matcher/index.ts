export { match, defaultMatchOptions, inFirstShare, type MatchOptions, type MatchResult } from './match';
export { MemoryIndex } from './memory-index';
export { confidenceOf, logPoissonTail, tailConfidence, type NullModel } from './confidence';
export type { Candidate, CatalogSize, HashIndex, MatchEvidence, MatchStatus, Postings } from './types';
export { MATCH_EVIDENCE } from './types';
export { verifyEnvelope, defaultVerifyOptions, type EnvelopeVerdict, type VerifyOptions } from './verify';
export { jsCorrelator, WasmCorrelator, type Correlator } from './correlator';
export { Alignments, segmentsHeld, SEGMENT_FRAMES, type Alignment, type Coverage } from './coverage';
