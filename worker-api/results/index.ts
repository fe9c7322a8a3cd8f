// Result tokens: an identify answer stays readable at GET /results/:token for a while
// (KV with a TTL). A progressive session keeps one token, derived from its id, so the
// last answer of the session is the one the token shows. A request with an idempotency key
// (an offline recording sent again) gets the token of its key, so a retry finds its answer.
import type { IdentifyResponse } from '../../common/api-types';
import type { Env } from '../env';
import { notFound } from '../errors';
import { TOKEN_PATTERN, identifyResponse } from '../identify/schemas';
import { base64url } from '../encoding';
import { defineRoute } from '../spec';

/** KV refuses expirations under 60 s. */
const MIN_TTL_S = 60;

/** 128 bits, 22 characters: the digest of an idempotency key or a session id, else random. */
export async function resultToken(ids: { idempotencyKey?: string; session?: string }): Promise<string> {
  const seed = ids.idempotencyKey ? `earshot-idempotency:${ids.idempotencyKey}` : ids.session ? `earshot-session:${ids.session}` : null;
  if (!seed) return base64url(crypto.getRandomValues(new Uint8Array(16)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(seed));
  return base64url(new Uint8Array(digest, 0, 16));
}

/**
 * Answers whose KV write is still in flight, by token. The write runs after the answer is
 * sent (it is 2-7 ms of the identify latency locally); until it lands, this isolate
 * serves its own writes, so a GET /results/:token or an idempotent retry that follows the
 * answer at once finds it. (Another isolate reads KV, which is only eventually consistent
 * anyway.)
 */
const inFlight = new Map<string, string>();

export async function storedResult(env: Env, token: string): Promise<string | null> {
  return inFlight.get(token) ?? env.RESULTS.get(`result:${token}`, 'text');
}

/** How long answers stay readable by their token (TuneScout's too). */
export function resultTtlS(env: Env): number {
  return Math.max(MIN_TTL_S, Number(env.RESULT_TTL_S) || 86_400);
}

/** Stores `answer` under its token; the KV write finishes after the response (waitUntil). */
export function storeResult(env: Env, ctx: { waitUntil(p: Promise<unknown>): void }, answer: IdentifyResponse): void {
  const value = JSON.stringify(answer);
  inFlight.set(answer.token, value);
  const write = env.RESULTS.put(`result:${answer.token}`, value, { expirationTtl: resultTtlS(env) })
    .catch((e) => console.error('storeResult', String(e)))
    .finally(() => {
      // a session's newer answer may have taken the slot meanwhile
      if (inFlight.get(answer.token) === value) inFlight.delete(answer.token);
    });
  ctx.waitUntil(write);
}

export const readResult = defineRoute({
  method: 'get',
  path: '/results/{token}',
  operationId: 'getResult',
  tag: 'identify',
  summary: 'A stored identify answer, while its token lives',
  rate: 'read',
  params: { type: 'object', properties: { token: { type: 'string', pattern: TOKEN_PATTERN } }, required: ['token'] },
  response: identifyResponse,
  errors: { 404: 'not_found: no answer under this token (it may have expired)' },
  handler: async ({ c, params }) => {
    const stored = await storedResult(c.env, params.token);
    if (stored === null) throw notFound('result (it may have expired)');
    return c.body(stored, 200, { 'content-type': 'application/json' });
  },
});
