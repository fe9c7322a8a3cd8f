// One Durable Object for the whole deployment: ACRCloud calls per minute and per UTC day
// (vars ACRCLOUD_PER_MIN, ACRCLOUD_PER_DAY; defaults 45 and 1800), exact under
// concurrency, and a pause after ACRCloud said 3003 (quota) or 3015 (rate).
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

export interface BudgetLimits {
  perMin: number;
  perDay: number;
}

export type Grant = { ok: true } | { ok: false; retryAfterS: number };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export class AcrBudget extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS budget (id INTEGER PRIMARY KEY CHECK (id = 1), minute INTEGER NOT NULL, minute_calls INTEGER NOT NULL, day INTEGER NOT NULL, day_calls INTEGER NOT NULL, paused_until INTEGER NOT NULL)',
    );
    this.sql.exec('INSERT OR IGNORE INTO budget VALUES (1, 0, 0, 0, 0, 0)');
  }

  /** One call's worth, or how long until there is one. */
  take(limits: BudgetLimits, now = Date.now()): Grant {
    const b = this.sql.exec<{ minute: number; minute_calls: number; day: number; day_calls: number; paused_until: number }>('SELECT * FROM budget').one();
    if (now < b.paused_until) return { ok: false, retryAfterS: Math.ceil((b.paused_until - now) / 1000) };
    const minute = Math.floor(now / MINUTE_MS);
    const day = Math.floor(now / DAY_MS);
    const minuteCalls = minute === b.minute ? b.minute_calls : 0;
    const dayCalls = day === b.day ? b.day_calls : 0;
    if (dayCalls >= limits.perDay) return { ok: false, retryAfterS: Math.ceil(((day + 1) * DAY_MS - now) / 1000) };
    if (minuteCalls >= limits.perMin) return { ok: false, retryAfterS: Math.ceil(((minute + 1) * MINUTE_MS - now) / 1000) };
    this.sql.exec('UPDATE budget SET minute = ?, minute_calls = ?, day = ?, day_calls = ?', minute, minuteCalls + 1, day, dayCalls + 1);
    return { ok: true };
  }

  /** No call until `until` (ms since the epoch). */
  pause(until: number): void {
    this.sql.exec('UPDATE budget SET paused_until = MAX(paused_until, ?)', until);
  }
}
