// The history as files to keep elsewhere: CSV (RFC 4180) for spreadsheets, JSON as stored.
import type { HistoryEntry } from './store';

/** The CSV's columns, in order, named in its header row. */
export const CSV_FIELDS = [
  'heard_at', 'title', 'artist', 'album', 'year', 'isrc', 'status', 'source',
  'confidence', 'offset_s', 'speed', 'answered_by', 'identified_at', 'track_id', 'entry_id',
] as const;

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

function row(e: HistoryEntry): Record<(typeof CSV_FIELDS)[number], string | number | null | undefined> {
  const t = e.track;
  return {
    heard_at: iso(e.at),
    title: t?.title,
    artist: t?.artist,
    album: t?.album,
    year: t?.year,
    isrc: t?.isrc,
    status: e.status,
    source: e.source,
    confidence: e.confidence,
    offset_s: e.offset_s,
    speed: e.speed,
    answered_by: e.answeredBy ?? (t ? 'catalog' : ''),
    identified_at: iso(e.identifiedAt),
    track_id: t?.id,
    entry_id: e.id,
  };
}

/**
 * One field: quoted when it holds a comma, a quote or a line break (quotes doubled). Text
 * a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
 */
export function csvField(value: string | number | null | undefined, text: boolean): string {
  let s = value == null ? '' : String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const TEXT = new Set(['title', 'artist', 'album', 'isrc']);

/** Header row, then one row per entry; CRLF after every record, as RFC 4180 has it. */
export function toCsv(entries: readonly HistoryEntry[]): string {
  const lines = [CSV_FIELDS.join(',')];
  for (const e of entries) {
    const r = row(e);
    lines.push(CSV_FIELDS.map((f) => csvField(r[f], TEXT.has(f))).join(','));
  }
  return lines.map((l) => `${l}\r\n`).join('');
}

export function toJson(entries: readonly HistoryEntry[], now = Date.now()): string {
  return JSON.stringify({ format: 'earshot-history', version: 1, exported_at: iso(now), entries }, null, 2);
}
