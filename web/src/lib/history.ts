// Past identifications, kept on the device in IndexedDB.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TrackMeta } from '../../../common/api-types';

export interface HistoryEntry {
  id?: number;
  /** Epoch milliseconds. */
  at: number;
  source: 'mic' | 'file';
  status: 'match' | 'no_match';
  track?: TrackMeta;
  confidence?: number;
  offset_s?: number;
}

interface Schema extends DBSchema {
  history: { key: number; value: HistoryEntry; indexes: { at: number } };
}

let db: Promise<IDBPDatabase<Schema>> | undefined;

function open(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>('earshot', 1, {
    upgrade(d) {
      d.createObjectStore('history', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
    },
  });
  return db;
}

export async function addEntry(entry: HistoryEntry): Promise<HistoryEntry> {
  const id = await (await open()).add('history', entry);
  return { ...entry, id };
}

/** Newest first. */
export async function listEntries(): Promise<HistoryEntry[]> {
  return (await (await open()).getAllFromIndex('history', 'at')).reverse();
}

export async function deleteEntry(id: number): Promise<void> {
  await (await open()).delete('history', id);
}

export async function clearEntries(): Promise<void> {
  await (await open()).clear('history');
}
