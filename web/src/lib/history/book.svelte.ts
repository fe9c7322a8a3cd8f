// The history as the page holds it: the stored entries, newest first, and at most one
// deletion waiting out its undo window. A deletion hides its entries at once but touches
// IndexedDB only when the window closes (or the next deletion starts): an undo then has
// nothing to restore, the entries were never gone. A page closed inside the window keeps them.
import { addEntry, deleteEntries, listEntries, type HistoryEntry } from './store';

/** How long "Deleted · Undo" stays. */
export const UNDO_MS = 7_000;

export interface Deletion {
  ids: ReadonlySet<number>;
  /** Everything at once (clear) or some songs. */
  all: boolean;
}

export class HistoryBook {
  /** Every stored entry, newest first, including those waiting to be deleted. */
  private stored = $state<HistoryEntry[]>([]);
  loaded = $state(false);
  /** IndexedDB refused (private windows in some browsers): the history lasts this page. */
  unavailable = $state(false);
  deletion = $state<Deletion | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** What the user sees: stored, minus the deletion in its undo window. */
  readonly entries = $derived(this.deletion ? this.stored.filter((e) => !this.deletion!.ids.has(e.id!)) : this.stored);

  async load(): Promise<void> {
    try {
      this.stored = await listEntries();
    } catch {
      this.unavailable = true;
    }
    this.loaded = true;
  }

  async add(entry: HistoryEntry): Promise<void> {
    try {
      this.merge([await addEntry(entry)]);
    } catch {
      this.unavailable = true;
    }
  }

  /** Entries stored elsewhere (the offline queue's sync) joining the list. */
  merge(entries: HistoryEntry[]): void {
    const known = new Set(this.stored.map((e) => e.id));
    this.stored = [...entries.filter((e) => !known.has(e.id)), ...this.stored].sort((a, b) => b.at - a.at);
  }

  /** Hides `ids` now; they are deleted for good when the undo window ends. */
  async remove(ids: readonly number[], all = false): Promise<void> {
    await this.commit();
    this.deletion = { ids: new Set(ids), all };
    this.timer = setTimeout(() => void this.commit(), UNDO_MS);
  }

  removeAll(): Promise<void> {
    return this.remove(this.entries.map((e) => e.id!), true);
  }

  undo(): void {
    clearTimeout(this.timer);
    this.deletion = null;
  }

  /** Ends the undo window now: the hidden entries are deleted from the device. */
  async commit(): Promise<void> {
    clearTimeout(this.timer);
    const d = this.deletion;
    if (!d) return;
    const gone = this.stored.filter((e) => d.ids.has(e.id!));
    this.stored = this.stored.filter((e) => !d.ids.has(e.id!));
    this.deletion = null;
    try {
      await deleteEntries([...d.ids]);
    } catch {
      // not deleted: back in the list, rather than gone from the screen only
      this.merge(gone);
      this.unavailable = true;
    }
  }
}
