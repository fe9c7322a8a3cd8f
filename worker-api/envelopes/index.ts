// The catalog's stored band envelopes (dsp/src/envelope): written with a track's first
// chunk, read for the matcher's candidates, removed with the track.
import { ENVELOPE_BLOCK_S as BLOCK_S, ENVELOPE_VERSION, storedBlocks, STORED_BLOCK_BYTES } from '../../dsp/src/index';
import type { EnvelopeField } from '../../common/api-types';
import { base64url, fromBase64url } from '../encoding';
import { BLOB_CODING, deflated, inflated } from '../deflate';
import { ApiError } from '../errors';

/** Characters of the base64url of a `durationS` track's stored envelope, at most. */
export function envelopeChars(durationS: number): number {
  return Math.ceil(((Math.ceil(durationS / BLOCK_S) + 1) * STORED_BLOCK_BYTES * 4) / 3);
}

/** An ingest body's envelope, checked against the track's length; null when it sent none. */
export function parseStoredEnvelope(field: EnvelopeField | null | undefined, durationS: number): Uint8Array | null {
  if (!field) return null;
  if (field.version !== ENVELOPE_VERSION) {
    throw new ApiError(422, 'invalid_field', `body.envelope: version ${field.version}; this API stores version ${ENVELOPE_VERSION} (ingest with a current client)`);
  }
  const bytes = fromBase64url(field.data);
  if (!bytes || bytes.length === 0 || bytes.length % STORED_BLOCK_BYTES !== 0) {
    throw new ApiError(422, 'invalid_field', `body.envelope.data: base64url of whole ${STORED_BLOCK_BYTES}-byte blocks`);
  }
  const most = Math.ceil(durationS / BLOCK_S) + 1;
  if (storedBlocks(bytes.length) > most) {
    throw new ApiError(422, 'invalid_field', `body.envelope.data: ${storedBlocks(bytes.length)} blocks, more than a ${durationS} s track has (${most})`);
  }
  return bytes;
}

/** A row's levels; null when they do not read as whole blocks (a row this build cannot read). */
async function levelsOf(row: { coding: number; data: ArrayBuffer | number[] }): Promise<Uint8Array | null> {
  const bytes = await inflated(row.coding, row.data).catch(() => null);
  return bytes && bytes.length % STORED_BLOCK_BYTES === 0 ? bytes : null;
}

type Row = { version: number; coding: number; data: ArrayBuffer | number[] };

/** A track's stored envelope as exchanged (export), in whatever version it was made; null: none. */
export async function envelopeField(db: D1Database, track: number): Promise<EnvelopeField | null> {
  const row = await db.prepare('SELECT version, coding, data FROM track_envelopes WHERE track_id = ?1').bind(track).first<Row>();
  const bytes = row && (await levelsOf(row));
  return row && bytes ? { version: row.version, data: base64url(bytes) } : null;
}

export async function putEnvelope(db: D1Database, track: number, bytes: Uint8Array): Promise<void> {
  await db
    .prepare('INSERT OR REPLACE INTO track_envelopes (track_id, version, coding, data) VALUES (?1, ?2, ?3, ?4)')
    .bind(track, ENVELOPE_VERSION, BLOB_CODING.deflateRaw, await deflated(bytes))
    .run();
}

export function deleteEnvelope(db: D1Database, track: number): D1PreparedStatement {
  return db.prepare('DELETE FROM track_envelopes WHERE track_id = ?1').bind(track);
}

/** The envelopes of `tracks` this build can read (its own version). */
export async function readEnvelopes(db: D1Database, tracks: number[]): Promise<Map<number, Uint8Array>> {
  const ids = [...new Set(tracks)];
  const out = new Map<number, Uint8Array>();
  if (ids.length === 0) return out;
  const { results } = await db
    .prepare(`SELECT track_id, coding, data FROM track_envelopes WHERE version = ?1 AND track_id IN (${ids.map(() => '?').join(',')})`)
    .bind(ENVELOPE_VERSION, ...ids)
    .all<{ track_id: number } & Row>();
  const levels = await Promise.all(results.map(levelsOf));
  results.forEach((r, i) => {
    // a row that does not read leaves its track to the hashes
    if (levels[i]) out.set(r.track_id, levels[i]);
  });
  return out;
}
