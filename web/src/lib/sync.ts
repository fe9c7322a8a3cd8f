// Sends the recordings queued offline, oldest first, one at a time, each with its id as
// Idempotency-Key: a retry after a lost answer gets the first answer back and is counted
// once. Runs in the page (online event, retry timer) and in the service worker
// (Background Sync); a Web Lock keeps two of them from sending at once.
import { ApiProblem, sendIdentify } from './api';
import type { HistoryEntry } from './history';
import { listPending, pendingBody, resolvePending, updatePending, type PendingItem } from './pending';

export const SYNC_TAG = 'earshot-sync';
/** Every context that syncs tells the others here what it resolved. */
export const QUEUE_CHANNEL = 'earshot-queue';
const LOCK = 'earshot-sync';
const SEND_TIMEOUT_MS = 15_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_CAP_MS = 5 * 60_000;

export interface SyncReport {
  identified: HistoryEntry[];
  notFound: HistoryEntry[];
  /** Refused by the API for good; kept for the user to see and remove. */
  failed: number;
  waiting: number;
  /** When the next try is due (epoch ms), null when nothing waits. */
  retryAt: number | null;
}

export interface QueueMessage {
  identified: HistoryEntry[];
  notFound: HistoryEntry[];
}

/** Exponential with "equal jitter": half the ceiling plus a random half, so clients spread out. */
export function backoffMs(attempts: number, random = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** A 429's Retry-After holds every item of this context back. */
let notBefore = 0;

type Outcome = { kind: 'answered'; entry: HistoryEntry } | { kind: 'refused'; code: string; message: string } | { kind: 'retry'; at: number };

async function send(item: PendingItem): Promise<Outcome> {
  const body = await pendingBody(item.id);
  if (!body) return { kind: 'refused', code: 'lost', message: 'the recording’s data is missing from this device' };
  try {
    const a = await sendIdentify(body, { idempotencyKey: item.id, gzipped: item.gzip, timeoutMs: SEND_TIMEOUT_MS });
    const top = a.status === 'match' ? a.matches[0] : undefined;
    const entry: HistoryEntry = { at: item.at, source: 'mic', status: top ? 'match' : 'no_match', identifiedAt: Date.now() };
    if (top) Object.assign(entry, { track: top.track, confidence: top.confidence, offset_s: top.offset_s, speed: top.speed });
    return { kind: 'answered', entry };
  } catch (err) {
    if (!(err instanceof ApiProblem)) throw err;
    if (!err.transient) return { kind: 'refused', code: err.code, message: err.message };
    const now = Date.now();
    if (err.retryAfterS !== undefined) {
      const at = now + err.retryAfterS * 1000;
      if (err.status === 429) notBefore = at;
      return { kind: 'retry', at };
    }
    return { kind: 'retry', at: now + backoffMs(item.attempts + 1) };
  }
}

async function syncOnce(force: boolean): Promise<SyncReport> {
  const report: SyncReport = { identified: [], notFound: [], failed: 0, waiting: 0, retryAt: null };
  const now = Date.now();
  // a failed try ends the pass: the rest waits with it, so a server in trouble gets one request
  let stoppedUntil = notBefore > now ? notBefore : 0;
  for (const item of await listPending()) {
    if (item.failed) {
      report.failed++;
      continue;
    }
    if (stoppedUntil || (!force && item.nextAttemptAt > now)) {
      report.waiting++;
      continue;
    }
    const outcome = await send(item);
    if (outcome.kind === 'answered') {
      const entry = await resolvePending(item.id, outcome.entry);
      if (entry) (entry.status === 'match' ? report.identified : report.notFound).push(entry);
    } else if (outcome.kind === 'refused') {
      await updatePending({ ...item, failed: { code: outcome.code, message: outcome.message } });
      report.failed++;
    } else {
      await updatePending({ ...item, attempts: item.attempts + 1, nextAttemptAt: outcome.at });
      report.waiting++;
      stoppedUntil = outcome.at;
    }
  }
  if (report.waiting > 0) {
    const due = (await listPending()).filter((i) => !i.failed).map((i) => i.nextAttemptAt);
    report.retryAt = Math.max(stoppedUntil, Math.min(...due), Date.now());
  }
  if (report.identified.length + report.notFound.length > 0 && typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(QUEUE_CHANNEL);
    channel.postMessage({ identified: report.identified, notFound: report.notFound } satisfies QueueMessage);
    channel.close();
  }
  return report;
}

/**
 * One pass over the queue. `force` ignores each item's backoff (the network just came
 * back), not a 429's Retry-After. Null when another tab or the service worker is syncing.
 */
export async function syncPending(opts: { force?: boolean } = {}): Promise<SyncReport | null> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return syncOnce(opts.force ?? false);
  return locks.request(LOCK, { ifAvailable: true }, (lock) => (lock ? syncOnce(opts.force ?? false) : null));
}
