// Result tokens: an identify answer stays readable at GET /results/:token for a while
// (KV with a TTL). A progressive session keeps one token, derived from its id, so the
// last answer of the session is the one the token shows.
import type { IdentifyResponse } from '../../common/api-types';
import type { Env } from '../env';
import { notFound } from '../errors';
import { TOKEN_PATTERN, identifyResponse } from '../identify/schemas';
import { defineRoute } from '../spec';

/** KV refuses expirations under 60 s. */
const MIN_TTL_S = 60;

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** 128 bits, 22 characters: random, or the digest of a session id. */
export async function resultToken(session: string | undefined): Promise<string> {
  if (!session) return base64url(crypto.getRandomValues(new Uint8Array(16)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`earshot-session:${session}`));
  return base64url(new Uint8Array(digest, 0, 16));
}

export async function storeResult(env: Env, answer: IdentifyResponse): Promise<void> {
  const ttl = Math.max(MIN_TTL_S, Number(env.RESULT_TTL_S) || 86_400);
  await env.RESULTS.put(`result:${answer.token}`, JSON.stringify(answer), { expirationTtl: ttl });
}

export const readResult = defineRoute({
  method: 'get',
  path: '/results/{token}',
  summary: 'A stored identify answer, while its token lives',
  rate: 'read',
  params: { type: 'object', properties: { token: { type: 'string', pattern: TOKEN_PATTERN } }, required: ['token'] },
  response: identifyResponse,
  handler: async ({ c, params }) => {
    const stored = await c.env.RESULTS.get(`result:${params.token}`, 'text');
    if (stored === null) throw notFound('result (it may have expired)');
    return c.body(stored, 200, { 'content-type': 'application/json' });
  },
});
