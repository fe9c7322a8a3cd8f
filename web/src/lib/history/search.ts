// Finding a song in the history as people type it: case and accents ignored ("beyonce"
// finds "Beyoncé"), any of title, artist or album.
import type { HistoryEntry } from './store';

/** Lower case without combining marks: "Éa" and "ea" read the same. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every word of the query is somewhere in the title, artist or album. */
export function matchesQuery(entry: HistoryEntry, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const t = entry.track;
  if (!t) return false;
  const hay = fold([t.title, t.artist, t.album].filter(Boolean).join(' '));
  return words.every((w) => hay.includes(w));
}
