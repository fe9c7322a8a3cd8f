// Identify answers for GET /stats: exact totals in one row, and the latency of the most
// recent RECENT answers in a ring of RECENT slots (migrations/catalog/0004), so the
// catalog stays the same size however many queries come.
import type { IdentifyStatus } from '../../common/api-types';

/** Answers whose latency /stats reports percentiles over. */
export const RECENT = 1000;

export async function logQuery(db: D1Database, status: IdentifyStatus, ms: number): Promise<void> {
  // one transaction: the slot is the new count, so concurrent answers never share one
  await db.batch([
    db.prepare('UPDATE query_totals SET count = count + 1, matches = matches + ?1 WHERE id = 1').bind(status === 'match' ? 1 : 0),
    db.prepare('INSERT OR REPLACE INTO query_latency (slot, ms) SELECT count % ?2, ?1 FROM query_totals WHERE id = 1').bind(ms, RECENT),
  ]);
}
