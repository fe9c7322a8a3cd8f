// The catalog fields of one file: the manifest wins over tags, tags over the file name.
import { basename, extname } from 'node:path';
import type { IngestRequest } from '../../common/api-types';
import type { Tags } from '../tags/index';
import type { ManifestEntry } from './manifest';

/** The API's limit on title, artist and album. */
const MAX_TEXT = 500;
const ISRC = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/;

/** "us-abc-12-34567" and "USABC1234567" are the same ISRC; anything else is not one. */
export function normaliseIsrc(raw: string | undefined): string | undefined {
  const s = raw?.replace(/[-\s]/g, '').toUpperCase();
  return s && ISRC.test(s) ? s : undefined;
}

export type TrackFields = Pick<IngestRequest, 'title' | 'artist' | 'album' | 'isrc' | 'external_id' | 'year'>;

export function trackFields(path: string, tags: Tags, manifest: ManifestEntry | undefined): TrackFields {
  const m = manifest ?? {};
  const clip = (s: string | undefined) => (s ? s.slice(0, MAX_TEXT) : null);
  return {
    title: clip(m.title ?? tags.title) ?? basename(path, extname(path)).slice(0, MAX_TEXT),
    artist: clip(m.artist ?? tags.artist),
    album: clip(m.album ?? tags.album),
    // a manifest's ISRC goes as written, so a wrong one is refused loudly; a tag's is a hint
    isrc: m.isrc !== undefined ? normaliseIsrc(m.isrc) ?? m.isrc : normaliseIsrc(tags.isrc) ?? null,
    external_id: m.external_id ?? null,
    year: tags.year ?? null,
  };
}
