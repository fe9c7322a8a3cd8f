// The idempotency store of identify (catalog D1): one consistent owner per key, so a
// recording sent again after a lost answer is answered from the first run and counted once.
import { encodeHashes } from '../../common/wire';
import type { HashBatch } from '../../dsp/src/index';
import { sha256Hex } from '../encoding';
import { ApiError } from '../errors';

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;
/** How long a key's answer is kept, from its first request. */
export const IDEMPOTENCY_TTL_S = 7 * 86_400;
/** A claim whose request died (no answer after this) is taken over by the next retry. */
export const STALE_CLAIM_MS = 30_000;
/** Rows the cleanup deletes per statement, and statements per run. */
const PURGE_BATCH = 500;
const PURGE_ROUNDS = 20;

/** A retry is the same key with the same records (however encoded: binary, JSON, gzip). */
export function bodyDigest(batch: HashBatch, fpVersion: number): Promise<string> {
  return sha256Hex(encodeHashes(batch, fpVersion));
}

export interface Claim {
  key: string;
  claimedAt: number;
}

/**
 * The key's stored answer (a replay), or a claim on it for this request. Refuses the key
 * with other records (422) and a key whose first request is still running (409).
 */
export async function claimKey(db: D1Database, key: string, digest: string, now = Date.now()): Promise<{ replay: string } | { claim: Claim }> {
  const taken = await db
    .prepare(
      `INSERT INTO idempotency (key, body_sha256, answer, claimed_at, expires_at) VALUES (?1, ?2, NULL, ?3, ?4)
       ON CONFLICT (key) DO UPDATE SET body_sha256 = excluded.body_sha256, answer = NULL,
         claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
       WHERE idempotency.expires_at <= ?3
          OR (idempotency.answer IS NULL AND idempotency.claimed_at <= ?3 - ?5 AND idempotency.body_sha256 = ?2)`,
    )
    .bind(key, digest, now, now + IDEMPOTENCY_TTL_S * 1000, STALE_CLAIM_MS)
    .run();
  if (taken.meta.changes === 1) return { claim: { key, claimedAt: now } };
  const row = await db
    .prepare('SELECT body_sha256, answer FROM idempotency WHERE key = ?1')
    .bind(key)
    .first<{ body_sha256: string; answer: string | null }>();
  if (row && row.body_sha256 !== digest) {
    throw new ApiError(422, 'idempotency_key_reused', 'this Idempotency-Key was sent before with other hashes; use a new key for a new recording');
  }
  if (row?.answer) return { replay: row.answer };
  throw new ApiError(409, 'idempotency_in_progress', 'the first request with this Idempotency-Key is still being answered; retry shortly', { 'retry-after': '1' });
}

/**
 * Stores the claim's answer. Batch it before the statements that count the answer: they
 * run only when this one stored it (`changes()`), so a claim taken over meanwhile by a
 * retry neither overwrites the retry's answer nor counts twice.
 */
export function settleStatement(db: D1Database, claim: Claim, answer: string): D1PreparedStatement {
  return db
    .prepare('UPDATE idempotency SET answer = ?3 WHERE key = ?1 AND claimed_at = ?2 AND answer IS NULL')
    .bind(claim.key, claim.claimedAt, answer);
}

/** The claim's request failed: let a retry run at once instead of after STALE_CLAIM_MS. */
export async function releaseClaim(db: D1Database, claim: Claim): Promise<void> {
  await db.prepare('DELETE FROM idempotency WHERE key = ?1 AND claimed_at = ?2 AND answer IS NULL').bind(claim.key, claim.claimedAt).run();
}

/** Deletes expired keys (the Cron Trigger), in bounded statements; returns how many. */
export async function purgeExpired(db: D1Database, now = Date.now()): Promise<number> {
  let purged = 0;
  for (let round = 0; round < PURGE_ROUNDS; round++) {
    const r = await db
      .prepare('DELETE FROM idempotency WHERE key IN (SELECT key FROM idempotency WHERE expires_at <= ?1 LIMIT ?2)')
      .bind(now, PURGE_BATCH)
      .run();
    purged += r.meta.changes;
    if (r.meta.changes < PURGE_BATCH) break;
  }
  return purged;
}
