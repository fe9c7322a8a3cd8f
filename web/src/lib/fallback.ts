// The fallback identifier (ACRCloud, asked by our server) as the app sees it: whether the
// server has one, whether the user allowed audio to leave the device (off by default),
// and the request.
import type { FallbackResponse } from '../../../common/api-types';
import { ApiProblem, answerOf } from './api';
import { host } from './host';
import { flag } from './settings';

const TIMEOUT_MS = 20_000;

/** The listener's consent to send audio to the fallback (off by default). */
const consent = flag('earshot:fallback-allowed');
export const fallbackAllowed = (): boolean => consent.on();
export const allowFallback = (on: boolean): void => consent.set(on);

/** Whether this server has a fallback identifier configured. */
export async function fallbackOffered(): Promise<boolean> {
  try {
    const h = (await (await fetch(`${host().apiBase}/api/v1/health`)).json()) as { fallback?: string };
    return h.fallback !== undefined && h.fallback !== 'unconfigured';
  } catch {
    return false;
  }
}

export async function askFallback(token: string, wav: Uint8Array): Promise<FallbackResponse> {
  let res: Response;
  try {
    res = await fetch(`${host().apiBase}/api/v1/identify/fallback?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { ...host().apiHeaders, 'content-type': 'audio/wav' },
      body: wav as BodyInit,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiProblem('unreachable', 'no answer from the server');
  }
  return answerOf<FallbackResponse>(res);
}
