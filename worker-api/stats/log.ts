// Identify answers for GET /stats: exact totals in one row, and the latency of the most
// recent RECENT answers in a ring of RECENT slots (migrations/catalog/0004), so the
// catalog stays the same size however many queries come.
import type { IdentifyStatus } from '../../common/api-types';

/** Answers whose latency /stats reports percentiles over. */
export const RECENT = 1000;

/**
 * The statements that count one answer, for one batch (a transaction: the slot is the new
 * count, so concurrent answers never share one). `afterChange`: count only when the
 * statement batched just before changed a row (an idempotent answer stored first).
 */
export function queryLogStatements(db: D1Database, status: IdentifyStatus, ms: number, afterChange = false): D1PreparedStatement[] {
  return [
    db
      .prepare(`UPDATE query_totals SET count = count + 1, matches = matches + ?1 WHERE id = 1${afterChange ? ' AND changes() = 1' : ''}`)
      .bind(status === 'match' ? 1 : 0),
    // changes() is now the totals update's: no slot is written for an answer not counted
    db.prepare('INSERT OR REPLACE INTO query_latency (slot, ms) SELECT count % ?2, ?1 FROM query_totals WHERE id = 1 AND changes() = 1').bind(ms, RECENT),
  ];
}

export async function logQuery(db: D1Database, status: IdentifyStatus, ms: number): Promise<void> {
  await db.batch(queryLogStatements(db, status, ms));
}
