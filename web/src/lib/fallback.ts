// The fallback identifier (ACRCloud, asked by our server) as the app sees it: whether the
// server has one, whether the user allowed audio to leave the device (off by default),
// and the request.
import type { ExternalRecording, FallbackResponse, IdentifyMatch, TrackMeta } from '../../../common/api-types';
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

/**
 * The song the fallback named, as the app shows it. The catalog's id (its artwork, its
 * links) only when both named the same recording: the catalog's guess beside an ACRCloud
 * answer may be another song. Id 0: not in the catalog.
 */
export function namedTrack(source: FallbackResponse['source'], r: ExternalRecording, local: IdentifyMatch | null): TrackMeta {
  const same = source === 'hybrid' ? local?.track : undefined;
  const year = Number(r.release_date?.match(/^\d{4}/)?.[0]);
  return {
    id: same?.id ?? 0,
    external_id: same?.external_id ?? null,
    title: r.title,
    artist: r.artist,
    album: r.album,
    isrc: r.isrc,
    year: same?.year ?? (year || null),
  };
}
