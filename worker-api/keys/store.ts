// Partner keys in the catalog D1 (migration 0007). A key is 32 random bytes shown once;
// only its SHA-256 is kept. A fast hash is right here: a key has 256 bits of entropy, so
// nothing can be guessed from its digest, and a lookup by digest compares no secret bytes
// in a timing-dependent way (the index finds the row or does not).
import type { PartnerKey } from '../../common/api-types';
import { base64url, sha256Hex } from '../encoding';

/** How long a rotated-out key keeps working: time for a partner to deploy the new one. */
export const ROTATION_GRACE_S = 24 * 3600;
export const KEY_PREFIX = 'esk_';
/** What a key looks like on the wire: prefix + 43 base64url characters. */
export const KEY_PATTERN = /^esk_[A-Za-z0-9_-]{43}$/;

export function newKey(): string {
  return KEY_PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export function keyHash(key: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(key));
}

interface Row {
  id: string;
  name: string;
  rate_limit_per_min: number;
  daily_quota: number;
  allow_audio: number;
  created_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
  prev_expires_at: number | null;
  origins: string;
}

const SELECT = `SELECT k.id, k.name, k.rate_limit_per_min, k.daily_quota, k.allow_audio, k.created_at, k.rotated_at, k.revoked_at, k.prev_expires_at,
  (SELECT json_group_array(origin) FROM api_key_origins o WHERE o.key_id = k.id) AS origins FROM api_keys k`;

function toKey(r: Row): PartnerKey {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: r.id,
    name: r.name,
    origins: (JSON.parse(r.origins) as string[]).sort(),
    rate_limit_per_min: r.rate_limit_per_min,
    daily_quota: r.daily_quota,
    allow_audio: r.allow_audio === 1,
    created_at: iso(r.created_at)!,
    rotated_at: iso(r.rotated_at),
    previous_key_valid_until: r.prev_expires_at !== null && r.revoked_at === null ? iso(r.prev_expires_at) : null,
    revoked_at: iso(r.revoked_at),
  };
}

export interface NewKey {
  name: string;
  origins: string[];
  ratePerMin: number;
  dailyQuota: number;
  allowAudio: boolean;
}

export async function createKey(db: D1Database, k: NewKey, now = Date.now()): Promise<{ key: string; record: PartnerKey }> {
  const id = `key_${base64url(crypto.getRandomValues(new Uint8Array(9)))}`;
  const key = newKey();
  await db.batch([
    db
      .prepare('INSERT INTO api_keys (id, name, key_hash, rate_limit_per_min, daily_quota, allow_audio, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)')
      .bind(id, k.name, await keyHash(key), k.ratePerMin, k.dailyQuota, k.allowAudio ? 1 : 0, now),
    db.prepare('INSERT INTO api_key_origins (origin, key_id) SELECT value, ?1 FROM json_each(?2)').bind(id, JSON.stringify(k.origins)),
  ]);
  return { key, record: (await getKey(db, id))! };
}

export async function getKey(db: D1Database, id: string): Promise<PartnerKey | null> {
  const r = await db.prepare(`${SELECT} WHERE k.id = ?1`).bind(id).first<Row>();
  return r ? toKey(r) : null;
}

export async function listKeys(db: D1Database): Promise<PartnerKey[]> {
  return (await db.prepare(`${SELECT} ORDER BY k.created_at, k.id`).all<Row>()).results.map(toKey);
}

/** A new key for `id`; the current one keeps working for ROTATION_GRACE_S. Null when no live key has that id. */
export async function rotateKey(db: D1Database, id: string, now = Date.now()): Promise<{ key: string; record: PartnerKey } | null> {
  const key = newKey();
  const r = await db
    .prepare('UPDATE api_keys SET prev_hash = key_hash, prev_expires_at = ?3, key_hash = ?2, rotated_at = ?4 WHERE id = ?1 AND revoked_at IS NULL')
    .bind(id, await keyHash(key), now + ROTATION_GRACE_S * 1000, now)
    .run();
  if (r.meta.changes !== 1) return null;
  return { key, record: (await getKey(db, id))! };
}

/** Revoked at once, the rotated-out key with it; kept as a record for its usage history. */
export async function revokeKey(db: D1Database, id: string, now = Date.now()): Promise<boolean> {
  const r = await db.prepare('UPDATE api_keys SET revoked_at = ?2, prev_hash = NULL, prev_expires_at = NULL WHERE id = ?1 AND revoked_at IS NULL').bind(id, now).run();
  return r.meta.changes === 1;
}

/** The live key a request's key is (current, or rotated out and within its grace). */
export async function findKey(db: D1Database, key: string, now = Date.now()): Promise<PartnerKey | null> {
  const h = await keyHash(key);
  const r = await db
    .prepare(`${SELECT} WHERE k.revoked_at IS NULL AND (k.key_hash = ?1 OR (k.prev_hash = ?1 AND k.prev_expires_at > ?2))`)
    .bind(h, now)
    .first<Row>();
  return r ? toKey(r) : null;
}

/** Whether some live key allows `origin`: what a preflight, which carries no key, can know. */
export async function originOfSomeKey(db: D1Database, origin: string): Promise<boolean> {
  const r = await db
    .prepare('SELECT 1 AS ok FROM api_key_origins o JOIN api_keys k ON k.id = o.key_id WHERE o.origin = ?1 AND k.revoked_at IS NULL LIMIT 1')
    .bind(origin)
    .first<{ ok: number }>();
  return r !== null;
}
