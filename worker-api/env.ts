// The Worker's bindings, as wrangler.toml declares them.
export interface Env {
  CATALOG: D1Database;
  /** Hash index shards INDEX_0 .. INDEX_{INDEX_SHARDS-1}. */
  [shard: `INDEX_${number}`]: D1Database;
  RESULTS: KVNamespace;
  RATE_IDENTIFY: RateLimit;
  RATE_READ: RateLimit;
  ASSETS: Fetcher;
  INDEX_SHARDS: string;
  RESULT_TTL_S: string;
  CORS_ORIGINS: string;
  /** Secret; unset means every write is refused. */
  ADMIN_TOKEN?: string;
}

export type AppEnv = { Bindings: Env };
