// The monitoring API's reads as the dashboard makes them: public, same origin, no token.
// Every call ends, one way or the other, within TIMEOUT_MS: the page never waits for good.
import type { PlayList, PlaysDaily, StationStatus } from '../../../common/api-types';
import { ApiProblem, answerOf } from '../lib/api';

const TIMEOUT_MS = 15_000;
const PAGE_SIZE = 50;
export const CHART_DAYS = 14;

async function get<T extends object>(path: string): Promise<T> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { signal: timeout });
  } catch {
    throw new ApiProblem('unreachable', timeout.aborted ? 'the server did not answer in time' : 'no answer from the server');
  }
  return answerOf<T>(res);
}

export async function listStations(): Promise<StationStatus[]> {
  return (await get<{ stations: StationStatus[] }>('/stations')).stations;
}

/** Newest first; `cursor` (a previous page's next_cursor) for the older ones. */
export function listPlays(stationId: string, cursor: string | null = null): Promise<PlayList> {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) q.set('cursor', cursor);
  return get<PlayList>(`/stations/${encodeURIComponent(stationId)}/plays?${q}`);
}

export function playsDaily(): Promise<PlaysDaily> {
  return get<PlaysDaily>(`/plays/daily?days=${CHART_DAYS}`);
}

/** The royalty report of one station's plays. */
export function csvUrl(stationId: string): string {
  return `/api/v1/plays.csv?station=${encodeURIComponent(stationId)}`;
}

/** A failed read in words, for a "Could not …: <this>" line. */
export function failureWords(err: unknown): string {
  if (err instanceof ApiProblem) {
    if (err.code === 'unreachable') return navigator.onLine ? `${err.message}. Check your connection.` : 'you are offline.';
    return `${err.message} (${err.code}).`;
  }
  return err instanceof Error ? err.message : String(err);
}
