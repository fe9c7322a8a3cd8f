// Postings an isolate has read, kept across requests while the catalog stands still. The
// app asks about one capture every 0.5-2 s, each time with everything heard so far: without
// this, its k-th question reads again the rows of the k-1 before it (an unanswered 15 s
// listening reads its first seconds' rows 17 times; D1 bills every row read).
//
// Valid while the catalog's stamp (migrations/catalog/0013) is the one they were read
// under. A request cannot know the stamp before it reads the shards (it reads both at once),
// so entries are served under the stamp the isolate last saw, and what a request reads is
// kept only when the stamp it reads is still that one: any change of the catalog before its
// shard reads then shows as a new stamp, and one after them as a new stamp to the next
// request, which empties the cache.

/** What the cache may hold: postings as interleaved (track, t) Int32 pairs, ~24 MiB. */
export const POSTINGS_CACHE_BYTES = 24 * 2 ** 20;
/** A Map entry's own cost beside its pairs (key, array header, links), in bytes, roughly. */
const ENTRY_BYTES = 96;

export class PostingsCache {
  /** The catalog stamp the entries were read under; null until a request has read one. */
  stamp: number | null = null;
  /** In least recently used order (a hit moves to the end). */
  private entries = new Map<number, Int32Array>();
  private bytes = 0;

  constructor(private readonly maxBytes = POSTINGS_CACHE_BYTES) {}

  get(hash: number): Int32Array | undefined {
    const pairs = this.entries.get(hash);
    if (pairs) {
      this.entries.delete(hash);
      this.entries.set(hash, pairs);
    }
    return pairs;
  }

  set(hash: number, pairs: Int32Array): void {
    if (this.entries.has(hash)) return;
    this.entries.set(hash, pairs);
    this.bytes += ENTRY_BYTES + pairs.byteLength;
    if (this.bytes > this.maxBytes) this.trim();
  }

  /**
   * Keeps the newer half. Into a new Map, in one pass: a Map keeps the slots of deleted
   * entries until it rehashes, so dropping the oldest one at a time makes every later walk
   * from the start step over all of them (quadratic under churn).
   */
  private trim(): void {
    const kept = new Map<number, Int32Array>();
    let drop = this.bytes - this.maxBytes / 2;
    for (const [h, p] of this.entries) {
      const cost = ENTRY_BYTES + p.byteLength;
      if (drop > 0) {
        drop -= cost;
        this.bytes -= cost;
      } else kept.set(h, p);
    }
    this.entries = kept;
  }

  /** Starts over under `stamp`. */
  reset(stamp: number): void {
    this.stamp = stamp;
    this.entries = new Map();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The isolate's cache, shared by its identify requests. */
export const postingsCache = new PostingsCache();
