// Recordings made without the network: their query hashes (never audio), queued in
// IndexedDB under a client-generated id that is also their Idempotency-Key.
import type { QualityMetrics } from '../../../dsp/src/index';
import { openAppDb } from './db';
import type { HistoryEntry } from './history';

/** The queue's bound: past it a new recording is refused with a message, nothing dropped. */
export const MAX_PENDING = 500;

export interface PendingItem {
  /** UUID: the Idempotency-Key the server remembers the answer under. */
  id: string;
  /** When it was heard, epoch ms. */
  at: number;
  seconds: number;
  quality: QualityMetrics;
  /** The body is gzipped (sent with Content-Encoding: gzip). */
  gzip: boolean;
  bytes: number;
  attempts: number;
  /** Not sent again before this (epoch ms): backoff after a failed try. */
  nextAttemptAt: number;
  /** The API refused it for good (e.g. an fp_version it no longer reads): kept until removed. */
  failed?: { code: string; message: string };
}

/** A recording to queue: its identify request body exactly as it will be sent. */
export interface Recording {
  id: string;
  at: number;
  seconds: number;
  quality: QualityMetrics;
  gzip: boolean;
  body: Uint8Array;
}

export class QueueFull extends Error {
  constructor() {
    super(`${MAX_PENDING} recordings are already waiting for the network`);
    this.name = 'QueueFull';
  }
}

/** Oldest first. */
export async function listPending(): Promise<PendingItem[]> {
  return (await openAppDb()).getAllFromIndex('pending', 'at');
}

export async function countPending(): Promise<number> {
  return (await openAppDb()).count('pending');
}

export async function queueRecording(r: Recording): Promise<PendingItem> {
  const d = await openAppDb();
  const tx = d.transaction(['pending', 'pending_bodies'], 'readwrite');
  // counted inside the transaction: two tabs queueing at once cannot both pass the bound
  if ((await tx.objectStore('pending').count()) >= MAX_PENDING) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new QueueFull();
  }
  const { body, ...meta } = r;
  const item: PendingItem = { ...meta, bytes: body.byteLength, attempts: 0, nextAttemptAt: 0 };
  await Promise.all([tx.objectStore('pending').add(item), tx.objectStore('pending_bodies').add(body, r.id), tx.done]);
  return item;
}

export async function pendingBody(id: string): Promise<Uint8Array | undefined> {
  return (await openAppDb()).get('pending_bodies', id);
}

export async function updatePending(item: PendingItem): Promise<void> {
  const d = await openAppDb();
  const tx = d.transaction('pending', 'readwrite');
  // a cancel in another tab meanwhile wins: never bring an item back
  if (await tx.store.get(item.id)) await tx.store.put(item);
  await tx.done;
}

export async function removePending(id: string): Promise<void> {
  const d = await openAppDb();
  const tx = d.transaction(['pending', 'pending_bodies'], 'readwrite');
  await Promise.all([tx.objectStore('pending').delete(id), tx.objectStore('pending_bodies').delete(id), tx.done]);
}

/**
 * The item answered: it leaves the queue and enters the history in one transaction, so a
 * crash leaves it in exactly one of them. Null when it was gone already (cancelled, or
 * resolved by another tab or the service worker).
 */
export async function resolvePending(id: string, entry: HistoryEntry): Promise<HistoryEntry | null> {
  const d = await openAppDb();
  const tx = d.transaction(['pending', 'pending_bodies', 'history'], 'readwrite');
  if (!(await tx.objectStore('pending').get(id))) {
    await tx.done;
    return null;
  }
  tx.objectStore('pending').delete(id);
  tx.objectStore('pending_bodies').delete(id);
  const key = await tx.objectStore('history').add(entry);
  await tx.done;
  return { ...entry, id: key };
}
