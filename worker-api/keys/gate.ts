// A partner page's request: its key (header X-Earshot-Key, or ?key= where a header cannot
// be sent), checked against the key's origins, then admitted by the key's meter, which
// replaces the per-IP rate limit for it.
import type { Context } from 'hono';
import type { PartnerKey } from '../../common/api-types';
import type { AppEnv, Env } from '../env';
import { ApiError } from '../errors';
import { normalOrigin } from './origins';
import { findKey, KEY_PATTERN } from './store';

export const KEY_HEADER = 'x-earshot-key';

export interface Partner {
  key: PartnerKey;
  meter: DurableObjectStub<import('./meter').KeyMeter>;
}

/** The key a request carries, or null for an unkeyed request. */
export function partnerKeyOf(req: Request): string | null {
  return req.headers.get(KEY_HEADER) ?? new URL(req.url).searchParams.get('key');
}

export function meterOf(env: Env, keyId: string): Partner['meter'] {
  return env.KEY_METER.get(env.KEY_METER.idFromName(keyId));
}

/** What keyForOrigin refuses, as /openapi.json says it. */
export const keyFailures = {
  401: 'key_invalid: the partner key is revoked, rotated out or was never issued',
  403: "origin_not_allowed: the partner key is not for the page's origin",
};

/** The live key behind `given` and its meter; a key that is not one is 401, a foreign page 403. */
export async function keyForOrigin(env: Env, given: string, origin: string | null): Promise<Partner> {
  const key = KEY_PATTERN.test(given) ? await findKey(env.CATALOG, given) : null;
  if (!key) throw new ApiError(401, 'key_invalid', 'this API key is not valid: revoked, rotated out, or never issued');
  const meter = meterOf(env, key.id);
  const from = origin === null ? null : normalOrigin(origin);
  if (from === null || !key.origins.includes(from)) {
    await meter.refused();
    throw new ApiError(403, 'origin_not_allowed', `this API key works on its own sites only, not on ${origin ?? 'a request without an Origin'}`);
  }
  return { key, meter };
}

/** The rate check of a keyed request: the key's own rate and daily quota. */
export async function admitPartner(c: Context<AppEnv>, given: string): Promise<void> {
  const partner = await keyForOrigin(c.env, given, c.req.header('origin') ?? null);
  const verdict = await partner.meter.admit({ ratePerMin: partner.key.rate_limit_per_min, dailyQuota: partner.key.daily_quota });
  if (!verdict.ok) {
    const message = verdict.code === 'rate_limited' ? `over this key's ${partner.key.rate_limit_per_min} requests per minute` : `this key's ${partner.key.daily_quota} requests for today (UTC) are used up`;
    throw new ApiError(429, verdict.code, message, { 'Retry-After': String(verdict.retryAfterS) });
  }
  c.set('partner', partner);
}
