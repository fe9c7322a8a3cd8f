// Recognize answers in dejavu's shape, kept in KV under a 20-character token for
// GET /api/fetch/<token> (for RESULT_TTL_S, where TuneScout keeps them in a database).
import type { DejavuResult, RecognizeResponse } from '../../common/tunescout-types';
import type { Env } from '../env';
import { FRAME_S, type NamedCandidate } from '../identify/run';
import { resultTtlS } from '../results';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const TOKEN = /^[A-Za-z0-9]{20}$/;

/** 20 alphanumerics, uniformly drawn (bytes >= 248 are redrawn: 248 = 4 x 62). */
export function newToken(): string {
  let out = '';
  while (out.length < 20) {
    for (const b of crypto.getRandomValues(new Uint8Array(32))) {
      if (b < 248 && out.length < 20) out += ALPHABET[b % 62];
    }
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** dejavu's fields for each candidate (the catalog adds hash counts and content SHA-1s). */
export async function dejavuResults(env: Env, candidates: NamedCandidate[], inputHashes: number): Promise<DejavuResult[]> {
  if (candidates.length === 0) return [];
  const { results } = await env.CATALOG.prepare(
    `SELECT id, hash_count, content_sha1 FROM tracks WHERE id IN (SELECT value FROM json_each(?1))`,
  )
    .bind(JSON.stringify(candidates.map((m) => m.track)))
    .all<{ id: number; hash_count: number; content_sha1: string }>();
  const rows = new Map(results.map((r) => [r.id, r]));
  return candidates.flatMap((m) => {
    const row = rows.get(m.track);
    if (!row) return [];
    return [
      {
        song_id: m.track,
        song_name: m.meta.title,
        input_total_hashes: inputHashes,
        fingerprinted_hashes_in_db: row.hash_count,
        hashes_matched_in_input: m.score,
        input_confidence: round2(inputHashes ? m.score / inputHashes : 0),
        fingerprinted_confidence: round2(row.hash_count ? m.score / row.hash_count : 0),
        offset: m.offset,
        offset_seconds: Math.round(m.offset * FRAME_S * 100_000) / 100_000,
        file_sha1: row.content_sha1,
      },
    ];
  });
}

export async function storeAnswer(env: Env, answer: RecognizeResponse & { token: string }): Promise<void> {
  await env.RESULTS.put(`tunescout:${answer.token}`, JSON.stringify(answer), { expirationTtl: resultTtlS(env) });
}

export async function storedAnswer(env: Env, token: string): Promise<string | null> {
  return TOKEN.test(token) ? env.RESULTS.get(`tunescout:${token}`, 'text') : null;
}
