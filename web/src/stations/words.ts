// The monitor's numbers, said the way someone watching a station reads them. Confidence and
// track positions use the app's own wording (lib/words.ts).
import type { StationState } from '../../../common/api-types';

export const STATE_WORDS: Record<StationState, string> = {
  starting: 'starting',
  listening: 'listening',
  reconnecting: 'reconnecting',
  alert: 'alert',
  unsupported_format: 'unsupported format',
  paused: 'paused',
};

/** How long ago an ISO time was, coarsely: "12 s ago", "4 min ago", "3 h ago", "2 days ago". */
export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86400);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** 850 -> "850 ms", 1234 -> "1.2 s" */
export function millis(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** 0.987 -> "99 %", never "100 %" while something failed. */
export function percent(rate: number): string {
  const p = Math.round(rate * 100);
  return `${p === 100 && rate < 1 ? 99 : p} %`;
}

const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const DAY_AND_TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });

/** An ISO time as the local clock said it: "14:02:05". */
export function timeOfDay(iso: string): string {
  return TIME.format(Date.parse(iso));
}

/** An ISO time with its local day: "Nov 23, 14:02:05". */
export function dayAndTime(iso: string): string {
  return DAY_AND_TIME.format(Date.parse(iso));
}
