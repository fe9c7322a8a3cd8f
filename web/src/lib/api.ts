// The identify API as the app sees it: a binary body of hashes in, an IdentifyResponse out.
// No DOM here: the service worker sends queued recordings through it too.
import type { ApiError, IdentifyResponse } from '../../../common/api-types';
import { host } from './host';

export class ApiProblem extends Error {
  constructor(
    /** 'unreachable' when no answer came back at all, else the API's error code. */
    readonly code: string,
    message: string,
    /** HTTP status; 0 when unreachable. */
    readonly status = 0,
    /** Seconds, from a Retry-After header. */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  /** Worth sending again later: no answer, a server or gateway error, a limit, a request still running. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429 || this.status === 409;
  }
}

/**
 * gzip cuts an identify body to about a third (the speed and pitch hypotheses re-hash
 * the same peaks; README "Any body may be gzipped"), which a phone's uplink feels.
 * Browsers without CompressionStream send the body as it is.
 */
export async function gzip(body: Uint8Array): Promise<Uint8Array | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([body as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface SendOptions {
  /** Progressive queries of one listening share it. */
  session?: string;
  /** Which question of the session this is (1, 2, ...): the answer's confidence pays for the earlier ones. */
  look?: number;
  /** A queued recording's id: a retry is answered from the first answer and counted once. */
  idempotencyKey?: string;
  gzipped: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** POSTs an identify body as it is (already gzipped when `gzipped`). */
export async function sendIdentify(body: Uint8Array, opts: SendOptions): Promise<IdentifyResponse> {
  const headers: Record<string, string> = { ...host().apiHeaders, 'content-type': 'application/octet-stream' };
  if (opts.gzipped) headers['content-encoding'] = 'gzip';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  let res: Response;
  try {
    const params = new URLSearchParams();
    if (opts.session) params.set('session', opts.session);
    if (opts.look) params.set('look', String(opts.look));
    res = await fetch(`${host().apiBase}/api/v1/identify${params.size ? `?${params}` : ''}`, {
      method: 'POST',
      headers,
      body: body as BodyInit,
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new ApiProblem('unreachable', timeout.aborted ? 'the server did not answer in time' : 'no answer from the server');
  }
  return answerOf<IdentifyResponse>(res);
}

/** An API response's JSON answer, or its error as an ApiProblem. */
export async function answerOf<T extends object>(res: Response): Promise<T> {
  const json = (await res.json().catch(() => null)) as T | ApiError | null;
  // a gateway in between answering for a server that is down
  if (!json && res.status >= 502 && res.status <= 504) throw new ApiProblem('unreachable', res.statusText, 0);
  if (!res.ok || !json || 'error' in json) {
    const e = json && 'error' in json ? json.error : { code: `http_${res.status}`, message: res.statusText };
    const retry = Number(res.headers.get('retry-after'));
    throw new ApiProblem(e.code, e.message, res.ok ? 502 : res.status, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  return json;
}
