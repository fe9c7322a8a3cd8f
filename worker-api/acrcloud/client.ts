// The Worker's ACRCloud client: the signed request, retries with exponential backoff on
// what may pass (a timeout, HTTP 5xx, code 3000) within a total time budget, and the
// answer reduced to what the fallback route acts on. The secret never leaves the Worker.
import type { Env } from '../env';
import { ACR, DATA_TYPE, IDENTIFY_PATH, recordingsOf, signature, SIGNATURE_VERSION, type AcrAnswer, type AcrRecording } from './protocol';

export interface AcrConfig {
  host: string;
  accessKey: string;
  secret: string;
}

/** ACRCloud as configured (ACRCLOUD_HOST var, ACRCLOUD_ACCESS_KEY / _SECRET secrets), or null. */
export function acrConfig(env: Env): AcrConfig | null {
  const host = env.ACRCLOUD_HOST?.trim();
  if (!host || !env.ACRCLOUD_ACCESS_KEY || !env.ACRCLOUD_ACCESS_SECRET) return null;
  let origin: string;
  try {
    origin = new URL(host).origin;
  } catch {
    return null;
  }
  if (!/^https?:\/\//.test(origin)) return null;
  return { host: origin, accessKey: env.ACRCLOUD_ACCESS_KEY, secret: env.ACRCLOUD_ACCESS_SECRET };
}

export type AcrOutcome =
  | { kind: 'match'; recordings: AcrRecording[] }
  | { kind: 'no_result' }
  /** 3003 (quota) or 3015 (requests per second): no call until the window passes. */
  | { kind: 'busy'; code: number }
  /** 3001, 3006, 3014: our configuration is wrong; retrying cannot help. */
  | { kind: 'misconfigured'; code: number; message: string }
  | { kind: 'upstream'; message: string };

export interface AskOptions {
  tries: number;
  perTryMs: number;
  totalMs: number;
  /** First pause between tries; doubles each time. */
  backoffMs: number;
}

export const ASK_DEFAULTS: AskOptions = { tries: 3, perTryMs: 4_000, totalMs: 10_000, backoffMs: 250 };

type Try = AcrOutcome | { kind: 'again'; message: string };

async function once(cfg: AcrConfig, sample: Uint8Array, timeoutMs: number): Promise<Try> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const form = new FormData();
  form.append('sample', new Blob([sample]), 'sample');
  form.append('access_key', cfg.accessKey);
  form.append('sample_bytes', String(sample.byteLength));
  form.append('timestamp', timestamp);
  form.append('signature', await signature(cfg.secret, cfg.accessKey, timestamp));
  form.append('data_type', DATA_TYPE);
  form.append('signature_version', SIGNATURE_VERSION);
  let res: Response;
  try {
    res = await fetch(`${cfg.host}${IDENTIFY_PATH}`, { method: 'POST', body: form, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    return { kind: 'again', message: `no answer (${err instanceof Error ? err.name : 'error'})` };
  }
  if (res.status >= 500) return { kind: 'again', message: `HTTP ${res.status}` };
  let answer: AcrAnswer;
  try {
    answer = (await res.json()) as AcrAnswer;
  } catch {
    return { kind: 'upstream', message: `HTTP ${res.status} with a body that is not JSON` };
  }
  const code = answer?.status?.code;
  switch (code) {
    case ACR.OK: {
      const recordings = recordingsOf(answer);
      return recordings.length > 0 ? { kind: 'match', recordings } : { kind: 'no_result' };
    }
    case ACR.NO_RESULT:
      return { kind: 'no_result' };
    case ACR.INTERNAL:
      return { kind: 'again', message: 'code 3000' };
    case ACR.QUOTA:
    case ACR.QPS:
      return { kind: 'busy', code };
    case ACR.INVALID_KEY:
    case ACR.INVALID_PARAMS:
    case ACR.BAD_SIGNATURE:
      return { kind: 'misconfigured', code, message: String(answer.status.msg ?? '') };
    default:
      return { kind: 'upstream', message: `unexpected answer (code ${String(code)})` };
  }
}

/** One identification, retried while it may pass and time is left; `tries` says how many were made. */
export async function askAcrCloud(cfg: AcrConfig, sample: Uint8Array, opts: AskOptions = ASK_DEFAULTS): Promise<{ outcome: AcrOutcome; tries: number }> {
  const deadline = Date.now() + opts.totalMs;
  let last = 'no try made';
  for (let n = 1; n <= opts.tries; n++) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const r = await once(cfg, sample, Math.min(opts.perTryMs, left));
    if (r.kind !== 'again') return { outcome: r, tries: n };
    last = r.message;
    const pause = opts.backoffMs * 2 ** (n - 1);
    if (n < opts.tries && Date.now() + pause < deadline) await new Promise((ok) => setTimeout(ok, pause));
    else if (n < opts.tries) break;
  }
  return { outcome: { kind: 'upstream', message: `ACRCloud did not answer usefully: ${last}` }, tries: opts.tries };
}
