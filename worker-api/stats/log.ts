// Identify answers for GET /stats: exact totals in one row, and the latency of the most
// recent RECENT answers in a ring of RECENT slots (migrations/catalog/0004), so the
// catalog stays the same size however many queries come.
import type { IdentifyStatus } from '../../common/api-types';

/** Answers whose latency /stats reports percentiles over. */
export const RECENT = 1000;

/**
 * How long an isolate gathers answers before it writes them in one batch. A write per
 * answer cost each identify 1.3–1.9 ms of CPU (BENCHMARKS.md, session 20) and gave the one
 * catalog database a write per identify, which a busy service would queue on
 * (docs/scale.md "The query log").
 */
export const LOG_WINDOW_MS = 1000;

export interface Answered {
  status: IdentifyStatus;
  ms: number;
}

/**
 * The statements that count `answers`, for one batch (a transaction: the slots follow the
 * new count, so concurrent batches never share one). `afterChange`: count only when the
 * statement batched just before changed a row (an idempotent answer stored first).
 */
export function queryLogStatements(db: D1Database, answers: readonly Answered[], afterChange = false): D1PreparedStatement[] {
  const matches = answers.reduce((n, a) => n + (a.status === 'match' ? 1 : 0), 0);
  // answers beyond the ring's size would only overwrite each other's slots
  const kept = answers.slice(-RECENT).map((a) => a.ms);
  return [
    db
      .prepare(`UPDATE query_totals SET count = count + ?1, matches = matches + ?2 WHERE id = 1${afterChange ? ' AND changes() = 1' : ''}`)
      .bind(answers.length, matches),
    // changes() is now the totals update's: no slot is written for answers not counted.
    // Answer n (counted from 1) lives in slot n % RECENT; the kept ones end at the new count.
    db
      .prepare(
        'INSERT OR REPLACE INTO query_latency (slot, ms) SELECT (t.count - ?2 + 1 + j.key) % ?3, j.value FROM query_totals t, json_each(?1) j WHERE t.id = 1 AND changes() = 1',
      )
      .bind(JSON.stringify(kept), kept.length, RECENT),
  ];
}

/** This isolate's answers not yet written, and whether a write is already waiting for them. */
let waiting: Answered[] = [];
let scheduled = false;

/**
 * Counts an answer. The first answer of a window schedules the window's write in its own
 * request's `waitUntil` (a promise must settle in the request that made it); later ones
 * join it. An isolate that dies inside a window loses that window's count: /stats is
 * telemetry, and the counts that must be exact (idempotent retries) go through
 * `queryLogStatements` in their own transaction instead.
 */
export function logQuery(db: D1Database, ctx: { waitUntil(p: Promise<unknown>): void }, answer: Answered): void {
  waiting.push(answer);
  if (scheduled) return;
  scheduled = true;
  const write = new Promise((wake) => setTimeout(wake, LOG_WINDOW_MS)).then(() => {
    const answers = waiting;
    waiting = [];
    scheduled = false;
    return db.batch(queryLogStatements(db, answers));
  });
  ctx.waitUntil(write.catch((e) => console.error('logQuery', String(e))));
}
