// A station's health between captures: counters, the state words the dashboard shows, and
// when to try again after a failure.
import type { StationHealth } from '../../common/api-types';
import type { CaptureFailure } from './capture';

/** Failures in a row that turn a reconnecting station into an alert. */
export const ALERT_AFTER = 5;
/** Reconnects back off from the first delay, doubling up to the last. */
export const RETRY_FIRST_MS = 2000;
export const RETRY_MAX_MS = 5 * 60_000;
/** A stream we cannot decode is looked at again this often (it may change format). */
export const UNSUPPORTED_RETRY_MS = 10 * 60_000;

export const newHealth = (): StationHealth => ({
  state: 'starting',
  connected: false,
  last_audio_at: null,
  bytes_received: 0,
  seconds_received: 0,
  captures_ok: 0,
  captures_failed: 0,
  capture_success_rate: null,
  detection_latency_ms: { last: null, mean: null },
  reconnects: 0,
  consecutive_failures: 0,
  next_capture_at: null,
  last_error: null,
  stream: { format: null, name: null, title: null },
});

const rate = (h: StationHealth) => Math.round((h.captures_ok / (h.captures_ok + h.captures_failed)) * 1000) / 1000;

export function captureSucceeded(h: StationHealth): void {
  h.captures_ok++;
  h.consecutive_failures = 0;
  h.capture_success_rate = rate(h);
  h.last_error = null;
  h.state = 'listening';
}

/** Records a failure; returns how long to wait before the next attempt. */
export function captureFailed(h: StationHealth, kind: CaptureFailure, message: string, random = Math.random): number {
  h.captures_failed++;
  h.consecutive_failures++;
  h.capture_success_rate = rate(h);
  h.last_error = message;
  h.reconnects++;
  if (kind === 'unsupported_format') {
    h.state = 'unsupported_format';
    return UNSUPPORTED_RETRY_MS;
  }
  h.state = h.consecutive_failures >= ALERT_AFTER ? 'alert' : 'reconnecting';
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (h.consecutive_failures - 1));
  // jitter: stations that failed together (one server down) do not retry together
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A capture that had delivered audio broke off: it worked, and the station reconnects at once. */
export function captureDropped(h: StationHealth, message: string, random = Math.random): number {
  h.captures_ok++;
  h.capture_success_rate = rate(h);
  h.consecutive_failures = 1;
  h.last_error = message;
  h.reconnects++;
  h.state = 'reconnecting';
  return Math.round(RETRY_FIRST_MS * (0.8 + 0.4 * random()));
}

/** Audio is arriving: whatever went wrong before is over. */
export function audioFlowing(h: StationHealth): boolean {
  if (h.state === 'listening' || h.state === 'paused') return false;
  h.state = 'listening';
  return true;
}

export function latencyMeasured(h: StationHealth, n: number, ms: number): void {
  const mean = h.detection_latency_ms.mean ?? 0;
  h.detection_latency_ms = { last: Math.round(ms), mean: Math.round(mean + (ms - mean) / n) };
}
