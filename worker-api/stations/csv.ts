// The play log as CSV for royalty reports: one line per play, RFC 4180 quoting, UTC times.
import type { Play } from '../../common/api-types';
import { parseIsrc } from '../isrc/parse';
import { societyGuess } from '../isrc/societies';

export const CSV_HEADER = ['station', 'title', 'artist', 'isrc', 'start_utc', 'end_utc', 'duration_s', 'confidence', 'speed', 'rights_society_guess', 'notes'];

function field(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // a leading = + - @ would be a formula to a spreadsheet: quoted with a tab it stays text
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `\t${s}` : s;
  return /[",\r\n\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The societies a play's ISRC points at (a guess: societies license works, not recordings). */
function societies(isrc: string | null): string {
  if (!isrc) return '';
  const parsed = parseIsrc(isrc);
  return 'ok' in parsed ? societyGuess(parsed.ok.countryCode).societies.join(' / ') : '';
}

export function csvLine(values: (string | number | null)[]): string {
  return values.map(field).join(',') + '\r\n';
}

export function playLine(p: Play): string {
  return csvLine([p.station_name, p.title, p.artist, p.isrc, p.start, p.end, p.duration_s, p.confidence, p.speed, societies(p.isrc), p.notes.join('; ')]);
}
