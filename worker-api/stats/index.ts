// GET /stats: the catalog, the index on disk, and how identify is doing.
import type { StatsResponse } from '../../common/api-types';
import { catalogSize } from '../catalog';
import { shardBytes, shardsOf } from '../shards';
import { defineRoute, type Schema } from '../spec';
import { LOG_WINDOW_MS } from './log';

const num = { type: 'number' } as const;
const statsSchema: Schema = {
  type: 'object',
  properties: {
    tracks: num,
    hours: num,
    hash_rows: num,
    index_bytes: { type: 'number', description: "the hash shards' D1 sizes, and the stored band envelopes' bytes" },
    index_bytes_per_hour: num,
    shards: num,
    identify: {
      type: 'object',
      properties: { count: num, match_rate: num, p50_ms: num, p95_ms: num },
      required: ['count', 'match_rate', 'p50_ms', 'p95_ms'],
    },
    matches_by_source: {
      type: 'object',
      description: 'songs named, by source: local identify answers, and fallback answers from ACRCloud alone or agreeing with the catalog',
      properties: { local: num, acrcloud: num, hybrid: num },
      required: ['local', 'acrcloud', 'hybrid'],
    },
    degraded: { type: 'boolean', description: 'a shard did not report its size' },
  },
  required: ['tracks', 'hours', 'hash_rows', 'index_bytes', 'index_bytes_per_hour', 'shards', 'identify', 'matches_by_source', 'degraded'],
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export const stats = defineRoute({
  method: 'get',
  path: '/stats',
  operationId: 'getStats',
  tag: 'service',
  summary: 'Catalog size, index bytes (per hour of audio), identify count, match rate and latency',
  description: `Identify answers are counted within about ${LOG_WINDOW_MS / 1000} s: each Worker instance writes its answers in one batch per window. An answer sent again with its Idempotency-Key is counted with the answer it stores, once.`,
  rate: 'read',
  response: statsSchema,
  handler: async ({ c }) => {
    const db = c.env.CATALOG;
    const dbs = shardsOf(c.env);
    const [size, bytes, [totals, recent, fallback, envelopes]] = await Promise.all([
      catalogSize(db),
      shardBytes(dbs),
      db.batch([
        db.prepare('SELECT count, matches FROM query_totals WHERE id = 1'),
        db.prepare('SELECT ms FROM query_latency'),
        db.prepare("SELECT source, COUNT(*) AS n FROM detections WHERE status = 'match' AND source != 'local' GROUP BY source"),
        // the band envelopes are index too, kept in the catalog (worker-api/envelopes)
        db.prepare('SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM track_envelopes'),
      ]),
    ]);
    const bySource = Object.fromEntries((fallback.results as { source: string; n: number }[]).map((r) => [r.source, r.n]));
    const { count, matches } = totals.results[0] as { count: number; matches: number };
    const ms = (recent.results as { ms: number }[]).map((r) => r.ms).sort((a, b) => a - b);
    const hours = size.seconds / 3600;
    const indexBytes = bytes.reduce<number>((s, b) => s + (b ?? 0), 0) + (envelopes.results[0] as { n: number }).n;
    const answer: StatsResponse = {
      tracks: size.tracks,
      hours: Math.round(hours * 1000) / 1000,
      hash_rows: size.rows,
      index_bytes: indexBytes,
      index_bytes_per_hour: hours > 0 ? Math.round(indexBytes / hours) : 0,
      shards: dbs.length,
      identify: { count, match_rate: count > 0 ? matches / count : 0, p50_ms: percentile(ms, 0.5), p95_ms: percentile(ms, 0.95) },
      matches_by_source: { local: matches, acrcloud: bySource.acrcloud ?? 0, hybrid: bySource.hybrid ?? 0 },
      degraded: bytes.some((b) => b === null),
    };
    return c.json(answer);
  },
});
