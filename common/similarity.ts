// The one definition of the duplicate classes, used by the catalog's duplicate check
// (worker-api/duplicates) and by `earshot dedupe`. Thresholds chosen on real tracks through
// every transformation of scripts/bench/make-dedupe-set.py (confusion table: BENCHMARKS.md).
import type { SimilarityClass } from './api-types';

/** What one consistent alignment of two recordings explains (dsp coverageOf). */
export interface PairEvidence {
  /** Share of the first file's records found aligned in the other. */
  share: number;
  /** Share of each file's audio the alignment covers. */
  coverageA: number;
  coverageB: number;
  /** Speed and pitch of the first file against the other (1: as is). */
  speed: number;
  pitch: number;
}

/** Above this share two fingerprints are the same decoded audio, give or take a rounding. */
export const IDENTICAL_SHARE = 0.95;
/** Both files covered this far: the same recording, trimmed by a few seconds at most. */
export const SAME_COVERAGE = 0.85;
/** One file covered this far by the other: an edit, an excerpt, a remix of it. */
export const RELATED_COVERAGE = 0.5;
/** Fewer aligned records than this are chance, whatever they cover. */
export const MIN_SHARE = 0.04;

export function similarityClass(e: PairEvidence): SimilarityClass {
  if (e.share < MIN_SHARE) return 'different';
  const asIs = Math.abs(e.speed - 1) < 0.005 && Math.abs(e.pitch - 1) < 0.005;
  const whole = Math.min(e.coverageA, e.coverageB) >= SAME_COVERAGE;
  if (asIs && whole && e.share >= IDENTICAL_SHARE) return 'identical';
  if (asIs && whole) return 'same_recording';
  if (Math.max(e.coverageA, e.coverageB) >= RELATED_COVERAGE) return 'related_version';
  return 'different';
}
