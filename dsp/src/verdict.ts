// Whether a clip is worth matching, from its quality metrics: the app coaches with it,
// ingest flags broken files with it, and nothing below these bars is sent for matching.
import type { QualityMetrics } from './types';

export type ClipProblem = 'too_short' | 'silent' | 'invalid_samples' | 'no_features';

export const MIN_CLIP_SECONDS = 1;

export const clipProblemMessages: Record<ClipProblem, string> = {
  too_short: `shorter than ${MIN_CLIP_SECONDS} s: too short to identify`,
  silent: 'silent: nothing to identify',
  invalid_samples: 'mostly invalid samples (NaN or infinite values)',
  no_features: 'no spectral peaks: not music-like audio',
};

export function clipProblem(q: QualityMetrics, hashCount: number): ClipProblem | null {
  if (q.invalidRatio > 0.5) return 'invalid_samples';
  if (q.durationS < MIN_CLIP_SECONDS) return 'too_short';
  if (q.silenceRatio > 0.95 || !(q.rmsDbfs > -70)) return 'silent';
  if (hashCount === 0) return 'no_features';
  return null;
}
