// The Worker's bindings, as wrangler.toml declares them.
export interface Env {
  CATALOG: D1Database;
  /** Hash index shards INDEX_0 .. INDEX_{INDEX_SHARDS-1}. */
  [shard: `INDEX_${number}`]: D1Database;
  RESULTS: KVNamespace;
  /** One Durable Object per partner key: rate, daily quota, usage (worker-api/keys/meter.ts). */
  KEY_METER: DurableObjectNamespace<import('./keys/meter').KeyMeter>;
  RATE_IDENTIFY: RateLimit;
  RATE_READ: RateLimit;
  ASSETS: Fetcher;
  INDEX_SHARDS: string;
  RESULT_TTL_S: string;
  CORS_ORIGINS: string;
  /** Secret; unset means every write is refused. */
  ADMIN_TOKEN?: string;
  // TuneScout-compatible endpoints (README: "TuneScout clients")
  RATE_TS_RECOGNIZE: RateLimit;
  RATE_TS_FETCH: RateLimit;
  RATE_TS_FINGERPRINT: RateLimit;
  TUNESCOUT_FINGERPRINTING_ALLOW?: string;
  /** Secret: the bearer token of /api/fingerprint; unset means nobody may fingerprint. */
  TUNESCOUT_TOKEN?: string;
  TUNESCOUT_MAX_DURATION_S?: string;
  TUNESCOUT_MAX_FILE_SIZE_MB?: string;
  TUNESCOUT_ALLOWED_ORIGIN?: string;
  // The ACRCloud fallback (docs/hybrid.md): unset host or secrets mean no fallback.
  ACRCLOUD_HOST?: string;
  ACRCLOUD_ACCESS_KEY?: string;
  ACRCLOUD_ACCESS_SECRET?: string;
  ACRCLOUD_PER_MIN?: string;
  ACRCLOUD_PER_DAY?: string;
  /** The one budget object of ACRCloud calls (worker-api/acrcloud/budget.ts). */
  ACR_BUDGET: DurableObjectNamespace<import('./acrcloud/budget').AcrBudget>;
  /** One monitor per radio station (worker-api/stations/monitor.ts). */
  STATION_MONITOR: DurableObjectNamespace<import('./stations/monitor').StationMonitor>;
}

export type AppEnv = { Bindings: Env; Variables: { partner?: import('./keys/gate').Partner } };
