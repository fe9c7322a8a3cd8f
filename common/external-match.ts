// A song the fallback identifier (ACRCloud) named, as every client shows it and as its
// result token stores it: the app's card, the share page and the history read one shape.
import type { ExternalRecording, FallbackResponse, IdentifyMatch, TrackMeta } from './api-types';

/**
 * The song the fallback named. The catalog's id (its artwork, its links) only when both
 * named the same recording: the catalog's guess beside an ACRCloud answer may be another
 * song. Id 0: not in the catalog.
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

/** The fallback's answer as a match: ACRCloud's score (0-100) stands where our confidence would. */
export function externalMatch(source: FallbackResponse['source'], r: ExternalRecording, local: IdentifyMatch | null): IdentifyMatch {
  return { track: namedTrack(source, r, local), confidence: (r.score ?? 0) / 100, offset_s: r.offset_s ?? 0, speed: 1 };
}
