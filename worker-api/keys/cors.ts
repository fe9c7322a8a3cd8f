// CORS for partner pages: a foreign origin may call identify when its key lists it. A
// preflight carries no key (browsers send only the names of the headers to come), so it is
// answered for an origin some live key lists; the request itself is then checked against
// its own key (gate.ts), and refused with 403 if that key does not list the origin.
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { partnerKeyOf } from './gate';
import { normalOrigin } from './origins';
import { findKey, KEY_PATTERN, originOfSomeKey } from './store';

/** The API paths a partner page may call. */
const PARTNER_PATHS = ['/api/v1/identify', '/api/v1/identify/fallback'];

export async function partnerOriginAllowed(c: Context<AppEnv>, origin: string): Promise<boolean> {
  const from = normalOrigin(origin);
  if (from === null || !PARTNER_PATHS.includes(new URL(c.req.url).pathname)) return false;
  const given = partnerKeyOf(c.req.raw);
  if (given === null) return c.req.method === 'OPTIONS' && originOfSomeKey(c.env.CATALOG, from);
  const key = KEY_PATTERN.test(given) ? await findKey(c.env.CATALOG, given) : null;
  return key !== null && key.origins.includes(from);
}
