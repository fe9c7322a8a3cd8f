// Track names an isolate has read for its answers, kept while the catalog's stamp stands.
// Naming an answer's candidates was a D1 read after the match, on the answer's path: one
// more round trip to the catalog's primary in production, and ~1 ms of a local identify.
//
// Valid because a ready track's name never changes in place: the catalog has no metadata
// edit, only delete and ingest again, and both change the stamp (migrations/catalog/0013).
// A route that edits a ready track's metadata must change the stamp too.
import type { TrackMeta } from '../../common/api-types';
import { readyMetas } from './index';

/** Names kept at most (~200 bytes each); a full cache starts over. */
export const NAME_CACHE_ENTRIES = 20_000;

export class NameCache {
  /** The catalog stamp the names were read under; null until a request has read one. */
  private stamp: number | null = null;
  private names = new Map<number, TrackMeta>();

  constructor(private readonly maxEntries = NAME_CACHE_ENTRIES) {}

  /**
   * The ready tracks among `ids`, by id, as the catalog stood at `stamp`: the stamp the
   * request read with its postings, so names and votes come from one catalog.
   */
  async named(db: D1Database, ids: number[], stamp: number): Promise<Map<number, TrackMeta>> {
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.names = new Map();
    }
    const out = new Map<number, TrackMeta>();
    const missing: number[] = [];
    for (const id of ids) {
      const meta = this.names.get(id);
      if (meta) out.set(id, meta);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    const read = await readyMetas(db, missing);
    // a newer request may have met a newer stamp meanwhile: then these are not for the cache
    const keep = stamp === this.stamp;
    if (keep && this.names.size + read.size > this.maxEntries) this.names = new Map();
    for (const [id, meta] of read) {
      out.set(id, meta);
      if (keep) this.names.set(id, meta);
    }
    return out;
  }

  get size(): number {
    return this.names.size;
  }
}

/** The isolate's cache, shared by its identify requests. */
export const nameCache = new NameCache();
