// Admin bearer token for catalog writes. Both sides are hashed first so the constant-time
// comparison sees equal lengths and the token's length leaks nothing either.
import { ApiError } from '../errors';
import type { Env } from '../env';

const MIN_TOKEN_LENGTH = 16;

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
}

/** Whether `given` is `secret`, in time that depends on neither. */
export async function tokenMatches(given: string, secret: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(secret)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export async function requireAdmin(req: Request, env: Env): Promise<void> {
  const secret = env.ADMIN_TOKEN;
  if (!secret || secret.length < MIN_TOKEN_LENGTH) {
    throw new ApiError(503, 'admin_disabled', `catalog writes are disabled: ADMIN_TOKEN is not set (or shorter than ${MIN_TOKEN_LENGTH} characters)`);
  }
  const header = req.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const challenge = { 'WWW-Authenticate': 'Bearer realm="earshot-admin"' };
  if (!match) throw new ApiError(401, 'unauthorized', 'an admin bearer token is required (Authorization: Bearer <ADMIN_TOKEN>)', challenge);
  if (!(await tokenMatches(match[1], secret))) throw new ApiError(401, 'unauthorized', 'the admin token is not valid', challenge);
}
