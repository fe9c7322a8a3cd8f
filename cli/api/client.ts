// HTTP to the Earshot API with retries: dropped connections and timeouts, 5xx, 429
// (honouring Retry-After) and 409 "busy" are retried with exponential backoff and jitter; a
// refused connection or an unknown host fails at once; anything else is the caller's answer. When retries run out the API counts as gone (ApiUnavailable), except
// for "busy", which stays the answer for that one request.
import { gzipSync } from 'node:zlib';
import type { ApiError as ApiErrorBody } from '../../common/api-types';

export class ApiUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiUnavailable';
  }
}

/** The token was refused or writes are disabled: bad input, not a transient failure. */
export class ApiAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiAuthError';
  }
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export interface ClientOptions {
  token?: string;
  /** Attempts after the first one. */
  retries?: number;
  /** First backoff; doubles each attempt. */
  backoffMs?: number;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    // not our API (a proxy's error page, another server): the status says enough
    return {};
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ApiClient {
  readonly retries: number;
  private readonly backoffMs: number;

  constructor(readonly base: string, private readonly opts: ClientOptions = {}) {
    this.retries = opts.retries ?? 6;
    this.backoffMs = opts.backoffMs ?? 500;
  }

  async request<T>(method: string, path: string, body?: { json: unknown } | { binary: Uint8Array; type?: string }): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    let payload: BodyInit | undefined;
    if (body) {
      headers['content-type'] = 'json' in body ? 'application/json' : (body.type ?? 'application/octet-stream');
      // hash lists shrink 3-4x under gzip; the API's size limits count the decoded bytes
      headers['content-encoding'] = 'gzip';
      payload = gzipSync('json' in body ? JSON.stringify(body.json) : body.binary) as BodyInit;
    }
    let last = '';
    for (let attempt = 0; ; attempt++) {
      let wait = this.backoffMs * 2 ** attempt * (0.75 + Math.random() / 2);
      try {
        const res = await fetch(`${this.base}/api/v1${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(120_000) });
        const text = await res.text();
        const parsed = parseJson(text) as T & Partial<ApiErrorBody>;
        const code = parsed.error?.code;
        if (res.status === 401 || code === 'admin_disabled') {
          throw new ApiAuthError(`${this.base} refused the admin token (${res.status} ${code}): ${parsed.error?.message}`);
        }
        const busy = res.status === 409 && code === 'busy';
        const transient = res.status >= 500 || res.status === 429 || busy;
        // a track stuck 'ingesting' is that file's problem, not the API's: answer, do not stop
        if (!transient || (busy && attempt >= this.retries)) return { status: res.status, body: parsed };
        last = `${res.status} ${code ?? ''} ${parsed.error?.message ?? ''}`.trim();
        const retryAfter = Number(res.headers.get('retry-after'));
        if (retryAfter > 0) wait = Math.max(wait, retryAfter * 1000);
      } catch (e) {
        if (e instanceof ApiAuthError) throw e;
        const cause = (e as Error).cause as { code?: string; message?: string } | undefined;
        // nothing listens there: retrying will not change that, and the user should know now
        if (cause?.code === 'ECONNREFUSED' || cause?.code === 'ENOTFOUND') {
          throw new ApiUnavailable(`nothing answers at ${this.base} (${cause.code === 'ENOTFOUND' ? 'unknown host' : 'connection refused'}): is the server running, and is --api right?`);
        }
        last = cause ? String(cause.message ?? cause) : (e as Error).message;
      }
      if (attempt >= this.retries) throw new ApiUnavailable(`${method} ${this.base}/api/v1${path} failed ${attempt + 1} times, last: ${last}`);
      await sleep(wait);
    }
  }
}

/** The message of an error body, or the status when there is none. */
export function errorText(a: ApiAnswer<unknown>): string {
  const e = (a.body as Partial<ApiErrorBody>).error;
  return e ? `${a.status} ${e.code}: ${e.message}` : `HTTP ${a.status}`;
}
