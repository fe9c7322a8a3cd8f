// Turns the engine's quality metrics of the capture into one short hint for the listener.
// Thresholds come from the engine's metrics on synthetic music: a clean recording reads
// ~12 dB SNR, music under white noise at 0 dB SNR reads ~4.6 dB.
import type { QualityMetrics } from '../../../dsp/src/index';
import { LISTENING } from './i18n/listening';

export type Coaching = 'too_quiet' | 'clipping' | 'noisy' | null;

/** The hints in this page's language. */
export const COACHING_TEXT: Record<Exclude<Coaching, null>, string> = LISTENING.coaching;

/** Less than this much audio says nothing reliable. */
const MIN_SECONDS = 1;

export function coach(q: QualityMetrics): Coaching {
  if (q.durationS < MIN_SECONDS) return null;
  if (q.clippingRatio > 0.001) return 'clipping';
  if (q.silenceRatio > 0.5 || q.rmsDbfs < -55) return 'too_quiet';
  if (q.snrDb < 6) return 'noisy';
  return null;
}
