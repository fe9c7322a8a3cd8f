// Where a named song can be heard or shared, built from its metadata alone: no third-party
// call, so nothing leaves the device until the user taps a link.
import type { TrackMeta } from './api-types';

export type ListenService = 'spotify' | 'apple' | 'youtube' | 'web';

export interface ListenLink {
  service: ListenService;
  url: string;
}

/** "Title Artist": what each service's own search box would be given. */
export function searchTerms(track: Pick<TrackMeta, 'title' | 'artist'>): string {
  return [track.title, track.artist].filter(Boolean).join(' ');
}

const SEARCH: Record<ListenService, (q: string) => string> = {
  spotify: (q) => `https://open.spotify.com/search/${encodeURIComponent(q)}`,
  apple: (q) => `https://music.apple.com/search?term=${encodeURIComponent(q)}`,
  youtube: (q) => `https://www.youtube.com/results?search_query=${encodeURIComponent(q)}`,
  web: (q) => `https://duckduckgo.com/?q=${encodeURIComponent(q)}`,
};

/** One search link per service, in the order the result card and the share page show them. */
export function listenLinks(track: Pick<TrackMeta, 'title' | 'artist'>): ListenLink[] {
  const q = searchTerms(track);
  return (Object.keys(SEARCH) as ListenService[]).map((service) => ({ service, url: SEARCH[service](q) }));
}

/** The page a shared answer opens for someone without the app: `/r/<token>`. */
export function sharePath(token: string): string {
  return `/r/${encodeURIComponent(token)}`;
}
