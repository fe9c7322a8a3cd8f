// Repeats of one song shown once, with how many times it was heard. A catalog track is
// one song by its id; an answer from outside the catalog (id 0) by its title and artist;
// every "no match" stands alone (two unknown recordings need not be the same song).
import { fold } from './search';
import type { HistoryEntry } from './store';

export interface HistoryGroup {
  key: string;
  /** The newest hearing: what the list shows and the detail's URL names. */
  latest: HistoryEntry;
  /** Every hearing, newest first. */
  entries: HistoryEntry[];
}

export function songKey(e: HistoryEntry): string {
  if (!e.track) return `entry:${e.id}`;
  if (e.track.id > 0) return `track:${e.track.id}`;
  return `song:${fold(e.track.title)}|${fold(e.track.artist ?? '')}`;
}

/** `entries` newest first; groups come in the order of their newest hearing. */
export function groupEntries(entries: readonly HistoryEntry[]): HistoryGroup[] {
  const groups = new Map<string, HistoryGroup>();
  for (const e of entries) {
    const key = songKey(e);
    const g = groups.get(key);
    if (g) g.entries.push(e);
    else groups.set(key, { key, latest: e, entries: [e] });
  }
  return [...groups.values()];
}
