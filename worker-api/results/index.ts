// Result tokens: an identify answer's token carries the answer itself, sealed (token.ts), so
// GET /results/:token, the share page and the fallback read it back from the token and the
// catalog's names, for RESULT_TTL_S. Nothing is stored per answer. Only what the fallback
// says (ACRCloud names a recording the catalog does not hold) is kept, in KV under the
// token of the catalog's answer it replaces (docs/sharing.md, "The token carries the answer").
import type { IdentifyMatch, IdentifyResponse } from '../../common/api-types';
import { readyMetas } from '../catalog';
import type { Env } from '../env';
import { notFound } from '../errors';
import { identifyResponse } from '../identify/schemas';
import { defineRoute } from '../spec';
import { resultKey } from './key';
import { openAnswer, sealAnswer, TOKEN_PATTERN } from './token';

export { TOKEN_PATTERN };

/** KV refuses expirations under 60 s. */
const MIN_TTL_S = 60;

/** How long answers stay readable by their token (TuneScout's too). */
export function resultTtlS(env: Env): number {
  return Math.max(MIN_TTL_S, Number(env.RESULT_TTL_S) || 86_400);
}

/** The token of `answer`: the answer, sealed with this server's key. */
export async function tokenOf(db: D1Database, answer: Omit<IdentifyResponse, 'token' | 'source'>): Promise<string> {
  return sealAnswer(await resultKey(db), {
    status: answer.status,
    degraded: answer.degraded,
    fp_version: answer.fp_version,
    ms: answer.ms,
    matches: answer.matches.map((m) => ({ id: m.track.id, confidence: m.confidence, offset_s: m.offset_s, speed: m.speed })),
    ...(answer.evidence ? { evidence: answer.evidence } : {}),
    issued: Math.floor(Date.now() / 1000),
  });
}

/**
 * What a token shows: its answer, and until when (unix seconds); `gone` when it expired or
 * the song it named has left the catalog; `unknown` when this server did not issue it.
 */
export type ReadAnswer = { answer: IdentifyResponse; until: number } | 'gone' | 'unknown';

/**
 * The fallback's answers whose KV write is still in flight, by token: until it lands, this
 * isolate serves its own writes, so a read that follows the answer at once finds it.
 * (Another isolate reads KV, which is only eventually consistent anyway.)
 */
const inFlight = new Map<string, string>();

export async function readAnswer(env: Env, token: string): Promise<ReadAnswer> {
  const sealed = await openAnswer(await resultKey(env.CATALOG), token);
  if (!sealed) return 'unknown';
  const until = sealed.issued + resultTtlS(env);
  if (Date.now() / 1000 >= until) return 'gone';
  if (sealed.status !== 'match') {
    const replaced = inFlight.get(token) ?? (await env.RESULTS.get(`result:${token}`, 'text'));
    if (replaced !== null) return { answer: JSON.parse(replaced) as IdentifyResponse, until };
  }
  const names = await readyMetas(env.CATALOG, sealed.matches.map((m) => m.id));
  if (sealed.status === 'match' && !names.has(sealed.matches[0]?.id)) return 'gone';
  const matches: IdentifyMatch[] = sealed.matches.flatMap(({ id, ...m }) => {
    const track = names.get(id);
    return track ? [{ track, ...m }] : [];
  });
  const evidence = sealed.evidence ? { evidence: sealed.evidence } : {};
  return { answer: { status: sealed.status, matches, token, fp_version: sealed.fp_version, degraded: sealed.degraded, source: 'local', ...evidence, ms: sealed.ms }, until };
}

/**
 * Puts the fallback's `answer` behind its token in place of the catalog's; the KV write
 * finishes after the response (waitUntil).
 */
export function storeFallbackAnswer(env: Env, ctx: { waitUntil(p: Promise<unknown>): void }, answer: IdentifyResponse): void {
  const value = JSON.stringify(answer);
  inFlight.set(answer.token, value);
  const write = env.RESULTS.put(`result:${answer.token}`, value, { expirationTtl: resultTtlS(env) })
    .catch((e) => console.error('storeFallbackAnswer', String(e)))
    .finally(() => {
      if (inFlight.get(answer.token) === value) inFlight.delete(answer.token);
    });
  ctx.waitUntil(write);
}

export const readResult = defineRoute({
  method: 'get',
  path: '/results/{token}',
  operationId: 'getResult',
  tag: 'identify',
  summary: 'An identify answer, read back from its token while the token lives',
  rate: 'read',
  params: { type: 'object', properties: { token: { type: 'string', pattern: TOKEN_PATTERN } }, required: ['token'] },
  response: identifyResponse,
  errors: { 404: 'not_found: the token was not issued here, it has expired, or the song it named has left the catalog' },
  handler: async ({ c, params }) => {
    const read = await readAnswer(c.env, params.token);
    if (typeof read === 'string') throw notFound('result (it may have expired)');
    return c.json(read.answer);
  },
});
