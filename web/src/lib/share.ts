// What Copy and Share hand over: the song in one line, and the link to its shared page.
import type { TrackMeta } from '../../../common/api-types';
import { sharePath } from '../../../common/links';

/** "Title — Artist" (the title alone when the artist is unknown). */
export function songLine(track: Pick<TrackMeta, 'title' | 'artist'>): string {
  return track.artist ? `${track.title} — ${track.artist}` : track.title;
}

/** The shared page of an answer on this origin; none without a result token. */
export function shareUrl(origin: string, token: string | null): string | null {
  return token ? origin + sharePath(token) : null;
}

/** Copy's text: the line, then the link on its own line when there is one. */
export function copyText(track: Pick<TrackMeta, 'title' | 'artist'>, url: string | null): string {
  return url ? `${songLine(track)}\n${url}` : songLine(track);
}
