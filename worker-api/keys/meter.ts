// One Durable Object per partner key: its rate (a token bucket refilled at
// rate_limit_per_min / 60 per second), its daily quota (UTC days) and its usage counters.
// One object owns a key's counters, so concurrent requests from many isolates count
// exactly; a read-modify-write on D1 would lose updates.
import { DurableObject } from 'cloudflare:workers';
import type { KeyDayUsage } from '../../common/api-types';
import type { Env } from '../env';

export interface Limits {
  ratePerMin: number;
  dailyQuota: number;
}

export type Admission = { ok: true } | { ok: false; code: 'rate_limited' | 'quota_exceeded'; retryAfterS: number };

const DAY_MS = 86_400_000;
const utcDay = (now: number) => new Date(now).toISOString().slice(0, 10);

export class KeyMeter extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS bucket (id INTEGER PRIMARY KEY CHECK (id = 1), tokens REAL NOT NULL, at INTEGER NOT NULL)`);
    this.sql.exec(
      `CREATE TABLE IF NOT EXISTS usage (day TEXT PRIMARY KEY, requests INTEGER NOT NULL DEFAULT 0, matches INTEGER NOT NULL DEFAULT 0, refusals INTEGER NOT NULL DEFAULT 0)`,
    );
  }

  /** Lets one request in, or says why not and for how long; either way it is counted. */
  admit(limits: Limits, now = Date.now()): Admission {
    const day = utcDay(now);
    const used = this.sql.exec<{ requests: number }>('SELECT requests FROM usage WHERE day = ?', day).toArray()[0]?.requests ?? 0;
    if (used >= limits.dailyQuota) {
      this.count(day, 'refusals');
      const nextDay = Math.floor(now / DAY_MS + 1) * DAY_MS;
      return { ok: false, code: 'quota_exceeded', retryAfterS: Math.ceil((nextDay - now) / 1000) };
    }
    const perMs = limits.ratePerMin / 60_000;
    const row = this.sql.exec<{ tokens: number; at: number }>('SELECT tokens, at FROM bucket WHERE id = 1').toArray()[0];
    const tokens = Math.min(limits.ratePerMin, row ? row.tokens + Math.max(0, now - row.at) * perMs : limits.ratePerMin);
    if (tokens < 1) {
      this.sql.exec('INSERT OR REPLACE INTO bucket (id, tokens, at) VALUES (1, ?, ?)', tokens, now);
      this.count(day, 'refusals');
      return { ok: false, code: 'rate_limited', retryAfterS: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    }
    this.sql.exec('INSERT OR REPLACE INTO bucket (id, tokens, at) VALUES (1, ?, ?)', tokens - 1, now);
    this.count(day, 'requests');
    return { ok: true };
  }

  /** A refusal decided before admission (a foreign origin). */
  refused(now = Date.now()): void {
    this.count(utcDay(now), 'refusals');
  }

  matched(now = Date.now()): void {
    this.count(utcDay(now), 'matches');
  }

  /** The last `days` UTC days, newest first, days without traffic included as zeros. */
  usage(days: number, now = Date.now()): KeyDayUsage[] {
    const out: KeyDayUsage[] = [];
    for (let i = 0; i < days; i++) {
      const day = utcDay(now - i * DAY_MS);
      const row = this.sql.exec<{ requests: number; matches: number; refusals: number }>('SELECT requests, matches, refusals FROM usage WHERE day = ?', day).toArray()[0];
      out.push({ day, requests: row?.requests ?? 0, matches: row?.matches ?? 0, refusals: row?.refusals ?? 0 });
    }
    return out;
  }

  private count(day: string, what: 'requests' | 'matches' | 'refusals'): void {
    this.sql.exec(`INSERT INTO usage (day, ${what}) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET ${what} = ${what} + 1`, day);
  }
}
