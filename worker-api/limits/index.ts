// Request limits: per-IP rate (the Workers rate-limiting binding) and body size: refused on
// a declared Content-Length past the limit, else counted on the bytes actually read.
import { concatBytes } from '../../dsp/src/index';
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

/**
 * The body, at most `maxBytes` of it after decoding. A client may gzip it
 * (`Content-Encoding: gzip`): identify bodies shrink to about a third, since the speed
 * and pitch hypotheses re-hash the same peaks. The limit counts decoded bytes, so a small
 * compressed body cannot expand past it.
 */
export async function readBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new ApiError(413, 'body_too_large', `the body is limited to ${maxBytes} bytes`);
  // NaN when absent or not a number: then the body is counted as it comes
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    // refused on the header: the rest is not wanted, and the runtime would wait for it
    await req.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const encoding = (req.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new ApiError(415, 'unsupported_content_encoding', `Content-Encoding must be gzip or absent, not ${encoding}`);
  }
  if (!req.body) return new Uint8Array(0);
  // a declared length bounds what HTTP delivers, and it was checked above: the runtime reads
  // such a body in one piece (about 1 ms less than the loop for a 180 KB identify body,
  // BENCHMARKS session 20); a body without one is counted as it comes
  const raw = Number.isFinite(declared) ? new Uint8Array(await req.arrayBuffer()) : await readLimited(req.body, maxBytes, tooLarge);
  if (raw.byteLength > maxBytes) throw tooLarge();
  // a proxy on the way may have decoded the body and left the header: no gzip magic, no gzip
  if (encoding !== 'gzip' || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return await readLimited(new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip')), maxBytes, tooLarge);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(400, 'malformed_body', 'the body is not valid gzip');
  }
}

async function readLimited(stream: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => ApiError): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
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
