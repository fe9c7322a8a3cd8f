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

export async function identify(body: Uint8Array, session: string, signal?: AbortSignal): Promise<IdentifyResponse> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/identify?session=${encodeURIComponent(session)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: body as BodyInit,
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
