// The app's IndexedDB: past identifications and recordings waiting for the network.
// Opened by the page and by the service worker (Background Sync), so no DOM here.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { HistoryEntry } from './history';
import type { PendingItem } from './pending';

export interface Schema extends DBSchema {
  history: { key: number; value: HistoryEntry; indexes: { at: number } };
  /** What the list shows; the bodies live apart so listing reads no hashes. */
  pending: { key: string; value: PendingItem; indexes: { at: number } };
  pending_bodies: { key: string; value: Uint8Array };
}

let db: Promise<IDBPDatabase<Schema>> | undefined;

export function openAppDb(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>('earshot', 2, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) d.createObjectStore('history', { keyPath: 'id', autoIncrement: true }).createIndex('at', 'at');
      if (oldVersion < 2) {
        d.createObjectStore('pending', { keyPath: 'id' }).createIndex('at', 'at');
        d.createObjectStore('pending_bodies');
      }
    },
  });
  return db;
}
