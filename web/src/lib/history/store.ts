// Past identifications, kept on the device in IndexedDB.
import type { TrackMeta } from '../../../../common/api-types';
import { openAppDb } from '../db';

export interface HistoryEntry {
  id?: number;
  /** When the song was heard, epoch milliseconds. */
  at: number;
  source: 'mic' | 'file';
  status: 'match' | 'no_match';
  track?: TrackMeta;
  confidence?: number;
  offset_s?: number;
  /** Playback speed against the catalog (1.03: played 3 % fast); absent in entries kept before it was stored. */
  speed?: number;
  /** Named by the fallback identifier (alone, or agreeing with the catalog); absent: the catalog. */
  answeredBy?: 'acrcloud' | 'hybrid';
  /** Heard offline and identified later, at this time (epoch ms). */
  identifiedAt?: number;
  /** The API's result token, for a share link (/r/<token>) while the server keeps it. */
  token?: string;
}

export async function addEntry(entry: HistoryEntry): Promise<HistoryEntry> {
  const id = await (await openAppDb()).add('history', entry);
  return { ...entry, id };
}

/** Newest first. */
export async function listEntries(): Promise<HistoryEntry[]> {
  return (await (await openAppDb()).getAllFromIndex('history', 'at')).reverse();
}

/** All of them or none: one transaction. */
export async function deleteEntries(ids: readonly number[]): Promise<void> {
  const tx = (await openAppDb()).transaction('history', 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}
