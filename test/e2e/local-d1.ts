// The SQLite files behind wrangler dev's local D1 databases, for benchmarks that fill a
// catalog faster than the API could (while the server is stopped).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** The catalog's file, and the index shards' files by their parity (shards that hold a hash). */
export function localDatabases(state: string): { catalog: string; shards: string[] } {
  const dir = join(state, 'v3/d1/miniflare-D1DatabaseObject');
  let catalog = '';
  const shards: string[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.sqlite'))) {
    const db = new DatabaseSync(join(dir, f));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
    if (tables.includes('tracks')) catalog = join(dir, f);
    else if (tables.includes('hashes')) {
      const one = db.prepare('SELECT hash FROM hashes LIMIT 1').get() as { hash: number } | undefined;
      if (one) shards[one.hash % 2] = join(dir, f);
    }
    db.close();
  }
  return { catalog, shards };
}
