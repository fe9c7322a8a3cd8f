// Request limits: per-IP rate (the Workers rate-limiting binding) and body size, counted
// on the bytes actually read so a missing or lying Content-Length changes nothing.
import { concatBytes } from '../../dsp/src/bytes';
import { ApiError } from '../errors';
import type { Env } from '../env';

export type RateClass = 'identify' | 'read' | 'none';

/** The window of the bindings in wrangler.toml, for Retry-After. */
const PERIOD_S = 60;

/** Whether the request's address is still within `limiter`'s rate (counted per scope). */
export async function withinRate(limiter: RateLimit, req: Request, scope: string): Promise<boolean> {
  const ip = req.headers.get('cf-connecting-ip') ?? 'unknown';
  return (await limiter.limit({ key: `${scope}:${ip}` })).success;
}

export async function checkRate(rate: RateClass, req: Request, env: Env): Promise<void> {
  if (rate === 'none') return;
  if (!(await withinRate(rate === 'identify' ? env.RATE_IDENTIFY : env.RATE_READ, req, rate))) {
    throw new ApiError(429, 'rate_limited', `too many ${rate} requests from this address; retry in ${PERIOD_S} s`, { 'Retry-After': String(PERIOD_S) });
  }
}

export async function readBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new ApiError(413, 'body_too_large', `the body is limited to ${maxBytes} bytes`);
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  return concatBytes(parts);
}
