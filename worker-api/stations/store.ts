// Stations and plays in the catalog D1 (migration 0010): what lists, logs and reports read.
import type { CaptureSettings, Play, PlaysDaily, Station } from '../../common/api-types';
import { base64url } from '../encoding';

export const STATION_ID = /^st_[A-Za-z0-9_-]{12}$/;
export const newStationId = () => 'st_' + base64url(crypto.getRandomValues(new Uint8Array(9)));

interface StationRow {
  id: string;
  name: string;
  url: string;
  mode: CaptureSettings['mode'];
  window_s: number;
  every_s: number;
  overlap_s: number;
  paused: number;
  created_at: string;
}

const toStation = (r: StationRow): Station => ({
  id: r.id,
  name: r.name,
  url: r.url,
  capture: { mode: r.mode, window_s: r.window_s, every_s: r.every_s, overlap_s: r.overlap_s },
  paused: r.paused === 1,
  created_at: r.created_at,
});

export async function insertStation(db: D1Database, s: Omit<Station, 'created_at' | 'paused'>): Promise<Station> {
  const row = await db
    .prepare('INSERT INTO stations (id, name, url, mode, window_s, every_s, overlap_s) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *')
    .bind(s.id, s.name, s.url, s.capture.mode, s.capture.window_s, s.capture.every_s, s.capture.overlap_s)
    .first<StationRow>();
  return toStation(row!);
}

export async function listStations(db: D1Database): Promise<Station[]> {
  return (await db.prepare('SELECT * FROM stations ORDER BY created_at, id').all<StationRow>()).results.map(toStation);
}

export async function getStation(db: D1Database, id: string): Promise<Station | null> {
  const row = await db.prepare('SELECT * FROM stations WHERE id = ?').bind(id).first<StationRow>();
  return row ? toStation(row) : null;
}

export async function setPaused(db: D1Database, id: string, paused: boolean): Promise<Station | null> {
  const row = await db.prepare('UPDATE stations SET paused = ? WHERE id = ? RETURNING *').bind(paused ? 1 : 0, id).first<StationRow>();
  return row ? toStation(row) : null;
}

export async function deleteStation(db: D1Database, id: string): Promise<void> {
  await db.prepare('DELETE FROM stations WHERE id = ?').bind(id).run();
}

interface PlayRow {
  id: string;
  station_id: string;
  station_name: string;
  track_id: number | null;
  title: string;
  artist: string | null;
  isrc: string | null;
  start_ms: number;
  end_ms: number;
  confidence: number;
  speed: number;
  detections: number;
  open: number;
  notes: string;
}

const toPlay = (r: PlayRow): Play => ({
  id: r.id,
  station_id: r.station_id,
  station_name: r.station_name,
  track_id: r.track_id,
  title: r.title,
  artist: r.artist,
  isrc: r.isrc,
  start: new Date(r.start_ms).toISOString(),
  end: new Date(r.end_ms).toISOString(),
  duration_s: Math.round((r.end_ms - r.start_ms) / 100) / 10,
  confidence: r.confidence,
  speed: r.speed,
  detections: r.detections,
  open: r.open === 1,
  notes: JSON.parse(r.notes) as string[],
});

/** Writes plays as they are now (a play is written when it opens and each time it changes). */
export async function upsertPlays(db: D1Database, plays: Play[]): Promise<void> {
  if (plays.length === 0) return;
  const stmt = db.prepare(
    `INSERT INTO plays (id, station_id, station_name, track_id, title, artist, isrc, start_ms, end_ms, confidence, speed, detections, open, notes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET start_ms = excluded.start_ms, end_ms = excluded.end_ms, confidence = excluded.confidence,
       detections = excluded.detections, open = excluded.open, notes = excluded.notes`,
  );
  await db.batch(
    plays.map((p) =>
      stmt.bind(p.id, p.station_id, p.station_name, p.track_id, p.title, p.artist, p.isrc, Date.parse(p.start), Date.parse(p.end), p.confidence, p.speed, p.detections, p.open ? 1 : 0, JSON.stringify(p.notes)),
    ),
  );
}

export interface PlayQuery {
  station?: string;
  fromMs?: number;
  toMs?: number;
  track?: number;
  limit: number;
  /** Plays before this (start_ms, id), newest first. */
  before?: { startMs: number; id: string };
  /** Oldest first instead. */
  ascending?: boolean;
}

/** Plays that started in [fromMs, toMs), newest first unless asked otherwise. */
export async function listPlays(db: D1Database, q: PlayQuery): Promise<Play[]> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const when = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (q.station !== undefined) when('station_id = ?', q.station);
  if (q.fromMs !== undefined) when('start_ms >= ?', q.fromMs);
  if (q.toMs !== undefined) when('start_ms < ?', q.toMs);
  if (q.track !== undefined) when('track_id = ?', q.track);
  if (q.before) when('(start_ms < ? OR (start_ms = ? AND id < ?))', q.before.startMs, q.before.startMs, q.before.id);
  const sql = `SELECT * FROM plays ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${q.ascending ? 'start_ms, id' : 'start_ms DESC, id DESC'} LIMIT ?`;
  return (await db.prepare(sql).bind(...args, q.limit).all<PlayRow>()).results.map(toPlay);
}

/** Plays per station per UTC day for the `days` days up to `nowMs`, oldest first. */
export async function dailyPlays(db: D1Database, days: number, nowMs: number): Promise<PlaysDaily> {
  const DAY = 86_400_000;
  const first = Math.floor(nowMs / DAY - days + 1) * DAY;
  const rows = (
    await db
      .prepare(
        `SELECT station_id, max(station_name) AS name, CAST((start_ms - ?1) / ${DAY} AS INTEGER) AS day, count(*) AS n
         FROM plays WHERE start_ms >= ?1 GROUP BY station_id, day`,
      )
      .bind(first)
      .all<{ station_id: string; name: string; day: number; n: number }>()
  ).results;
  const current = new Map((await listStations(db)).map((s) => [s.id, s.name]));
  const byStation = new Map<string, { id: string; name: string; plays: number[] }>();
  for (const [id, name] of current) byStation.set(id, { id, name, plays: new Array(days).fill(0) });
  for (const r of rows) {
    let s = byStation.get(r.station_id);
    if (!s) byStation.set(r.station_id, (s = { id: r.station_id, name: r.name, plays: new Array(days).fill(0) }));
    if (r.day >= 0 && r.day < days) s.plays[r.day] += r.n;
  }
  return {
    days: Array.from({ length: days }, (_, i) => new Date(first + i * DAY).toISOString().slice(0, 10)),
    stations: [...byStation.values()],
  };
}
