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
  /**
   * Whether the two decode to the same PCM, when both were decoded here (dedupe). The
   * catalog sees hashes only, and calls identical what no fingerprint tells apart.
   */
  samePcm?: boolean;
}

/**
 * Without the PCM: above this share the fingerprints cannot tell the two apart (a 320 kb/s
 * MP3, a level change and a mono downmix all stay above it: BENCHMARKS.md).
 */
export const IDENTICAL_SHARE = 0.95;
/** Both files covered this far: the same recording, trimmed by a few seconds at most. */
export const SAME_COVERAGE = 0.85;
/**
 * One file covered this far by the other, at one alignment: an excerpt, a speed change, an
 * edit (the longer of an edit's two pieces is at least half of it, measured 0.50-0.53 on a
 * 30 s cut, so the bar sits below). The corpus' tracks that share a loop share at most 0.36.
 */
export const RELATED_COVERAGE = 0.4;
/** Fewer aligned records than this are chance, whatever they cover. */
export const MIN_SHARE = 0.04;

export function similarityClass(e: PairEvidence): SimilarityClass {
  if (e.share < MIN_SHARE) return 'different';
  const asIs = Math.abs(e.speed - 1) < 0.005 && Math.abs(e.pitch - 1) < 0.005;
  const whole = Math.min(e.coverageA, e.coverageB) >= SAME_COVERAGE;
  if (asIs && whole && (e.samePcm ?? e.share >= IDENTICAL_SHARE)) return 'identical';
  if (asIs && whole) return 'same_recording';
  if (Math.max(e.coverageA, e.coverageB) >= RELATED_COVERAGE) return 'related_version';
  return 'different';
}
