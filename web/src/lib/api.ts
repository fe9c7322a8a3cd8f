// The identify API as the app sees it: a binary body of hashes in, an IdentifyResponse out.
import type { ApiError, IdentifyResponse } from '../../../common/api-types';

export class ApiProblem extends Error {
  constructor(
    /** 'unreachable' when no answer came back at all, else the API's error code. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

const TIMEOUT_MS = 10_000;

/**
 * gzip cuts an identify body to about a quarter (the speed and pitch hypotheses re-hash
 * the same peaks): some 30 KB instead of 110 KB for 5 s, which a phone's uplink feels.
 * Browsers without CompressionStream send the body as it is.
 */
async function gzip(body: Uint8Array): Promise<Uint8Array | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([body as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function identify(body: Uint8Array, session: string, signal?: AbortSignal): Promise<IdentifyResponse> {
  const packed = await gzip(body);
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (packed) headers['content-encoding'] = 'gzip';
  let res: Response;
  try {
    res = await fetch(`/api/v1/identify?session=${encodeURIComponent(session)}`, {
      method: 'POST',
      headers,
      body: (packed ?? body) as BodyInit,
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiProblem('unreachable', 'no answer from the server');
  }
  const json = (await res.json().catch(() => null)) as IdentifyResponse | ApiError | null;
  // a gateway in between answering for a server that is down
  if (!json && res.status >= 502 && res.status <= 504) throw new ApiProblem('unreachable', res.statusText);
  if (!res.ok || !json || 'error' in json) {
    const e = json && 'error' in json ? json.error : { code: `http_${res.status}`, message: res.statusText };
    throw new ApiProblem(e.code, e.message);
  }
  return json;
}
