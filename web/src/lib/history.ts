// Past identifications, kept on the device in IndexedDB.
import type { TrackMeta } from '../../../common/api-types';
import { openAppDb } from './db';

export interface HistoryEntry {
  id?: number;
  /** When the song was heard, epoch milliseconds. */
  at: number;
  source: 'mic' | 'file';
  status: 'match' | 'no_match';
  track?: TrackMeta;
  confidence?: number;
  offset_s?: number;
  /** Named by the fallback identifier (alone, or agreeing with the catalog); absent: the catalog. */
  answeredBy?: 'acrcloud' | 'hybrid';
  /** Heard offline and identified later, at this time (epoch ms). */
  identifiedAt?: number;
}

export async function addEntry(entry: HistoryEntry): Promise<HistoryEntry> {
  const id = await (await openAppDb()).add('history', entry);
  return { ...entry, id };
}

/** Newest first. */
export async function listEntries(): Promise<HistoryEntry[]> {
  return (await (await openAppDb()).getAllFromIndex('history', 'at')).reverse();
}

export async function deleteEntry(id: number): Promise<void> {
  await (await openAppDb()).delete('history', id);
}

export async function clearEntries(): Promise<void> {
  await (await openAppDb()).clear('history');
}
