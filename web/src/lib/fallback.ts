// The fallback identifier (ACRCloud, asked by our server) as the app sees it: whether the
// server has one, whether the user allowed audio to leave the device (off by default),
// and the request.
import type { FallbackResponse } from '../../../common/api-types';
import { ApiProblem, answerOf } from './api';
import { host } from './host';

const SETTING = 'earshot:fallback-allowed';
const TIMEOUT_MS = 20_000;

export function fallbackAllowed(): boolean {
  try {
    return localStorage.getItem(SETTING) === '1';
  } catch {
    return false;
  }
}

export function allowFallback(on: boolean): void {
  try {
    if (on) localStorage.setItem(SETTING, '1');
    else localStorage.removeItem(SETTING);
  } catch {
    // private mode: the setting lasts for this page only
  }
}

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
