// The Worker's bindings. What wrangler.toml declares is generated (`npm run types` writes
// worker-configuration.d.ts; a test fails when it is stale); what it cannot declare is here:
// the secrets, and the index shards by pattern (their count is a variable, INDEX_SHARDS).
export interface Env extends WranglerEnv {
  /** Hash index shards INDEX_0 .. INDEX_{INDEX_SHARDS-1}. */
  [shard: `INDEX_${number}`]: D1Database;
  /** Secret; unset means every write is refused. */
  ADMIN_TOKEN?: string;
  /** Secret: the bearer token of /api/fingerprint; unset means nobody may fingerprint. */
  TUNESCOUT_TOKEN?: string;
  /** Secrets of the ACRCloud fallback (docs/hybrid.md): unset means no fallback. */
  ACRCLOUD_ACCESS_KEY?: string;
  ACRCLOUD_ACCESS_SECRET?: string;
}

export type AppEnv = { Bindings: Env; Variables: { partner?: import('./keys/gate').Partner } };
