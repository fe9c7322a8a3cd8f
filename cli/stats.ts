// `earshot stats`: GET /api/v1/stats, readable (or as the API's JSON with --json).
import { parseArgs } from 'node:util';
import type { StatsResponse } from '../common/api-types';
import { ApiUnavailable, errorText } from './api/client';
import { apiFlags, client } from './options';
import { EXIT } from './usage';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function formatStats(s: StatsResponse): string {
  return [
    `tracks       ${s.tracks}  (${s.hours.toFixed(2)} h of audio)`,
    `index        ${s.hash_rows} hash rows, ${mb(s.index_bytes)} over ${s.shards} shards (${mb(s.index_bytes_per_hour)} per hour)${s.degraded ? '  DEGRADED: a shard did not answer' : ''}`,
    `identify     ${s.identify.count} queries, ${(100 * s.identify.match_rate).toFixed(1)} % matched, p50 ${s.identify.p50_ms} ms, p95 ${s.identify.p95_ms} ms`,
  ].join('\n');
}

export async function statsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...apiFlags, json: { type: 'boolean' } } });
  const api = client(values, false);
  try {
    const answer = await api.request<StatsResponse>('GET', '/stats');
    if (answer.status !== 200) {
      console.error(`earshot stats: ${errorText(answer)}`);
      return EXIT.failed;
    }
    console.log(values.json ? JSON.stringify(answer.body) : `${api.base}\n${formatStats(answer.body)}`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof ApiUnavailable)) throw e;
    console.error(`earshot stats: the API at ${api.base} does not answer: ${e.message}`);
    return EXIT.failed;
  }
}
