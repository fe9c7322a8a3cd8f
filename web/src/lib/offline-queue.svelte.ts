// The page's side of the offline queue: what waits, when to try again (the network coming
// back, a timer with backoff, Background Sync in the service worker where the browser has
// it), and what the last sync identified, for the page to say so.
import type { HistoryEntry } from './history';
import { countPending, listPending, queueRecording, removePending, type PendingItem, type Recording } from './pending';
import { QUEUE_CHANNEL, SYNC_TAG, syncPending, type QueueMessage } from './sync';

/** Another context holds the sync lock: look again after this. */
const BUSY_RETRY_MS = 3_000;

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

export class OfflineQueue {
  items = $state<PendingItem[]>([]);
  /** What the last sync that resolved anything resolved, for the page's notice. */
  resolved = $state<QueueMessage | null>(null);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;

  constructor(private readonly onResolved: (entries: HistoryEntry[]) => void) {}

  get waiting(): number {
    return this.items.filter((i) => !i.failed).length;
  }

  start(): void {
    addEventListener('online', () => void this.sync(true));
    if (typeof BroadcastChannel !== 'undefined') {
      new BroadcastChannel(QUEUE_CHANNEL).onmessage = (e: MessageEvent<QueueMessage>) => this.took(e.data);
    }
    void this.refresh().then(() => this.sync(false));
  }

  async add(r: Recording): Promise<void> {
    const first = (await countPending()) === 0;
    await queueRecording(r);
    await this.refresh();
    // a browser may evict "best effort" storage under pressure: ask to keep it
    if (first) void navigator.storage?.persist?.().catch(() => false);
    void registerBackgroundSync();
    void this.sync(false);
  }

  async cancel(id: string): Promise<void> {
    await removePending(id);
    await this.refresh();
  }

  /** One sync pass at a time from this page; `force` when the network just came back. */
  sync(force: boolean): Promise<void> {
    if (this.running) return this.running;
    clearTimeout(this.timer);
    this.running = (async () => {
      try {
        if (!navigator.onLine) return;
        const report = await syncPending({ force });
        if (!report) return this.schedule(Date.now() + BUSY_RETRY_MS);
        this.took(report);
        if (report.retryAt !== null) this.schedule(report.retryAt);
      } catch (err) {
        console.error('earshot: offline sync failed', err);
      } finally {
        await this.refresh();
        this.running = null;
      }
    })();
    return this.running;
  }

  /** History ids already taken: this page hears its own syncs twice (the report and the channel). */
  private seen = new Set<number>();

  private took(m: QueueMessage): void {
    const fresh = (list: HistoryEntry[]) => list.filter((e) => e.id !== undefined && !this.seen.has(e.id));
    const news: QueueMessage = { identified: fresh(m.identified), notFound: fresh(m.notFound) };
    const all = [...news.identified, ...news.notFound];
    if (all.length === 0) return;
    for (const e of all) this.seen.add(e.id!);
    this.resolved = news;
    this.onResolved(all);
    void this.refresh();
  }

  private schedule(at: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sync(false), Math.max(0, at - Date.now()));
  }

  private async refresh(): Promise<void> {
    this.items = await listPending().catch(() => []);
  }
}

/** Lets the browser sync with the tab closed, where it has Background Sync. */
async function registerBackgroundSync(): Promise<void> {
  const reg = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  const sync = (reg as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
  await sync?.register(SYNC_TAG).catch(() => undefined);
}
