// The catalog's stored band envelopes (dsp/src/envelope): written with a track's first
// chunk, read for the matcher's candidates, removed with the track.
import { ENVELOPE_BLOCK_S as BLOCK_S, ENVELOPE_VERSION, storedBlocks, STORED_BLOCK_BYTES } from '../../dsp/src/index';
import type { EnvelopeField } from '../../common/api-types';
import { base64url, fromBase64url } from '../encoding';
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

/** A track's stored envelope as exchanged (export), in whatever version it was made; null: none. */
export async function envelopeField(db: D1Database, track: number): Promise<EnvelopeField | null> {
  const row = await db.prepare('SELECT version, data FROM track_envelopes WHERE track_id = ?1').bind(track).first<{ version: number; data: ArrayBuffer | number[] }>();
  return row ? { version: row.version, data: base64url(new Uint8Array(row.data)) } : null;
}

export function putEnvelope(db: D1Database, track: number, bytes: Uint8Array): D1PreparedStatement {
  return db.prepare('INSERT OR REPLACE INTO track_envelopes (track_id, version, data) VALUES (?1, ?2, ?3)').bind(track, ENVELOPE_VERSION, bytes);
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
    .prepare(`SELECT track_id, data FROM track_envelopes WHERE version = ?1 AND track_id IN (${ids.map(() => '?').join(',')})`)
    .bind(ENVELOPE_VERSION, ...ids)
    .all<{ track_id: number; data: ArrayBuffer | number[] }>();
  for (const r of results) out.set(r.track_id, new Uint8Array(r.data));
  return out;
}
