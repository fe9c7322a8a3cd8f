// Each test file gets fresh storage: migrate the catalog and every index shard first.
import { applyD1Migrations, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

const e = env as unknown as Record<string, unknown> & { CATALOG_MIGRATIONS: D1Migration[]; INDEX_MIGRATIONS: D1Migration[] };
await applyD1Migrations(env.CATALOG, e.CATALOG_MIGRATIONS);
for (let i = 0; i < Number(env.INDEX_SHARDS); i++) {
  await applyD1Migrations(e[`INDEX_${i}`] as D1Database, e.INDEX_MIGRATIONS);
}
