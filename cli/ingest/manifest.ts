// A catalog manifest overrides what tags say: CSV (a header row naming the columns) or
// JSON (an array of objects). Columns: path (required), external_id, title, artist,
// album, isrc. Paths are relative to the manifest's folder; empty cells mean "no override".
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../usage';

export const MANIFEST_FIELDS = ['external_id', 'title', 'artist', 'album', 'isrc'] as const;
export type ManifestField = (typeof MANIFEST_FIELDS)[number];
export type ManifestEntry = Partial<Record<ManifestField, string>>;

/** RFC 4180: commas, CRLF or LF, double quotes around cells with "" for a quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new UsageError('manifest: a quoted cell is not closed');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function fromRecords(records: Record<string, unknown>[], base: string, where: string): Map<string, ManifestEntry> {
  const out = new Map<string, ManifestEntry>();
  records.forEach((rec, i) => {
    const path = rec.path;
    if (typeof path !== 'string' || path.trim() === '') throw new UsageError(`${where}: entry ${i + 1} has no path`);
    const entry: ManifestEntry = {};
    for (const f of MANIFEST_FIELDS) {
      const v = rec[f];
      if (v === undefined || v === null || v === '') continue;
      if (typeof v !== 'string' && typeof v !== 'number') throw new UsageError(`${where}: entry ${i + 1}: ${f} must be text`);
      entry[f] = String(v).trim();
    }
    out.set(resolve(base, path.trim()), entry);
  });
  return out;
}

/** Entries keyed by absolute path. */
export function parseManifest(text: string, file: string): Map<string, ManifestEntry> {
  const base = dirname(resolve(file));
  if (/\.json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(data)) throw new UsageError(`${file}: must be a JSON array of objects`);
    return fromRecords(data as Record<string, unknown>[], base, file);
  }
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) throw new UsageError(`${file}: empty manifest`);
  const columns = header.map((h) => h.trim().toLowerCase());
  if (!columns.includes('path')) throw new UsageError(`${file}: the header must name a 'path' column (got ${columns.join(', ')})`);
  const unknown = columns.filter((c) => c !== 'path' && !(MANIFEST_FIELDS as readonly string[]).includes(c));
  if (unknown.length > 0) throw new UsageError(`${file}: unknown column(s) ${unknown.join(', ')}; known: path, ${MANIFEST_FIELDS.join(', ')}`);
  const records = rows.map((r, i) => {
    if (r.length > columns.length) throw new UsageError(`${file}: row ${i + 2} has ${r.length} cells, the header ${columns.length}`);
    return Object.fromEntries(columns.map((c, j) => [c, r[j] ?? '']));
  });
  return fromRecords(records, base, file);
}

export async function loadManifest(file: string): Promise<Map<string, ManifestEntry>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read manifest ${file}: ${(e as Error).message}`);
  }
  return parseManifest(text, file);
}
