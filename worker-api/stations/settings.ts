// What a station may be asked to do: its stream URL and its capture settings, with the
// defaults and bounds the admin API publishes.
import type { CaptureSettings } from '../../common/api-types';
import type { ObjectSchema } from '../spec';

export const DEFAULT_CAPTURE: CaptureSettings = { mode: 'windows', window_s: 20, every_s: 30, overlap_s: 5 };
/** A window shorter than this rarely holds enough of a song to name it with confidence. */
export const MIN_WINDOW_S = 5;
export const MAX_WINDOW_S = 60;
export const MAX_EVERY_S = 3600;

export const captureSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    mode: { type: 'string', enum: ['windows', 'continuous'], description: 'windows: connect every every_s and hear window_s; continuous: stay connected' },
    window_s: { type: 'integer', minimum: MIN_WINDOW_S, maximum: MAX_WINDOW_S, description: 'seconds of audio matched as one window' },
    every_s: { type: 'integer', minimum: MIN_WINDOW_S, maximum: MAX_EVERY_S, description: 'windows mode: seconds from one capture to the next (at least window_s)' },
    overlap_s: { type: 'integer', minimum: 0, maximum: MAX_WINDOW_S - 1, description: 'continuous mode: seconds consecutive windows share (less than window_s)' },
  },
} as const satisfies ObjectSchema;

/** The settings with defaults filled in, or the reason they cannot work. */
export function captureSettings(given: Partial<CaptureSettings> | undefined): CaptureSettings | string {
  const s: CaptureSettings = { ...DEFAULT_CAPTURE, ...given };
  if (s.mode === 'windows' && s.every_s < s.window_s) return `capture.every_s (${s.every_s}) must be at least capture.window_s (${s.window_s})`;
  if (s.overlap_s >= s.window_s) return `capture.overlap_s (${s.overlap_s}) must be less than capture.window_s (${s.window_s})`;
  return s;
}

/** Why `raw` cannot be a station's stream URL, or null when it can. */
export function streamUrlProblem(raw: string, workerOrigin: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be http or https';
  if (url.username || url.password) return 'must not carry credentials';
  // a monitor reading the Worker itself would call itself in a loop
  if (url.host === new URL(workerOrigin).host) return 'must not point at this service';
  return null;
}
