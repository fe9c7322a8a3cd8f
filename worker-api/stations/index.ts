// Radio monitoring (docs/monitoring.md): stations (admin writes, public reads), their play
// logs, the CSV for royalty reports, plays per day, and each station's live feed.
import type { Context } from 'hono';
import type { PlayList, StationStatus, Station } from '../../common/api-types';
import type { AppEnv, Env } from '../env';
import { ApiError, notFound } from '../errors';
import { defineRoute } from '../spec';
import { CSV_HEADER, csvLine, playLine } from './csv';
import { captureSettings, streamUrlProblem } from './settings';
import { createBody, csvQuery, MAX_DAILY_DAYS, playSchema, playsQuery, stationId, stationStatusSchema } from './schemas';
import { dailyPlays, deleteStation, getStation, insertStation, listPlays, listStations, newStationId, setPaused } from './store';

export { StationMonitor } from './monitor';

const DEFAULT_PLAYS_PAGE = 100;
const CSV_PAGE = 1000;
const noStation = { 404: 'not_found: no such station' };
const badTime = { 422: 'invalid_field: from or to is not an ISO 8601 time or Unix milliseconds' };

const monitorOf = (env: Env, id: string) => env.STATION_MONITOR.get(env.STATION_MONITOR.idFromName(id));

/** The station as D1 lists it, with its monitor's health and play on air. */
async function statusOf(env: Env, station: Station): Promise<StationStatus> {
  const status = await monitorOf(env, station.id).status();
  if (status) return { ...status, ...station };
  // a monitor that lost its record (it never does on purpose): configure it again
  return monitorOf(env, station.id).configure(station);
}

async function existing(c: Context<AppEnv>, id: string): Promise<Station> {
  const station = await getStation(c.env.CATALOG, id);
  if (!station) throw notFound(`station ${id}`);
  return station;
}

/** A time bound of a query: ISO 8601 or Unix milliseconds. */
function timeOf(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{1,15}$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new ApiError(422, 'invalid_field', `query.${name}: not an ISO 8601 time or Unix milliseconds`);
  return ms;
}

const create = defineRoute({
  method: 'post',
  path: '/stations',
  operationId: 'createStation',
  tag: 'stations',
  summary: 'Monitor a radio stream (Icecast/SHOUTcast over HTTP(S): MP3, Ogg Vorbis, Ogg Opus)',
  description: 'Capture defaults: windows of 20 s every 30 s. continuous mode stays connected and matches windows of window_s that overlap by overlap_s.',
  rate: 'none',
  admin: true,
  body: { maxBytes: 8 * 1024, json: createBody },
  status: 201,
  response: stationStatusSchema,
  errors: { 422: 'invalid_field: a stream URL or capture settings that cannot work' },
  handler: async ({ c, body }) => {
    if (body.kind !== 'json') throw new ApiError(415, 'unsupported_media_type', 'Content-Type must be application/json');
    const problem = streamUrlProblem(body.value.url, new URL(c.req.url).origin);
    if (problem) throw new ApiError(422, 'invalid_field', `body.url: ${problem}`);
    const capture = captureSettings(body.value.capture);
    if (typeof capture === 'string') throw new ApiError(422, 'invalid_field', `body.${capture}`);
    const station = await insertStation(c.env.CATALOG, { id: newStationId(), name: body.value.name, url: body.value.url, capture });
    return c.json(await monitorOf(c.env, station.id).configure(station), 201);
  },
});

const list = defineRoute({
  method: 'get',
  path: '/stations',
  operationId: 'listStations',
  tag: 'stations',
  summary: 'Stations with their health and what each is playing',
  rate: 'read',
  response: { type: 'object', properties: { stations: { type: 'array', items: stationStatusSchema } }, required: ['stations'] },
  handler: async ({ c }) => c.json({ stations: await Promise.all((await listStations(c.env.CATALOG)).map((s) => statusOf(c.env, s))) }),
});

const one = defineRoute({
  method: 'get',
  path: '/stations/{id}',
  operationId: 'getStation',
  tag: 'stations',
  summary: "A station's health and what it is playing",
  rate: 'read',
  params: stationId,
  response: stationStatusSchema,
  errors: noStation,
  handler: async ({ c, params }) => c.json(await statusOf(c.env, await existing(c, params.id))),
});

function toggle(action: 'pause' | 'resume') {
  return defineRoute({
    method: 'post',
    path: `/stations/{id}/${action}`,
    operationId: `${action}Station`,
    tag: 'stations',
    summary: action === 'pause' ? 'Stop capturing (the play on air ends where it was last heard)' : 'Capture again',
    rate: 'none',
    admin: true,
    params: stationId,
    response: stationStatusSchema,
    errors: noStation,
    handler: async ({ c, params }) => {
      const station = await setPaused(c.env.CATALOG, params.id, action === 'pause');
      if (!station) throw notFound(`station ${params.id}`);
      const monitor = monitorOf(c.env, station.id);
      const status = (await monitor[action]()) ?? (await monitor.configure(station));
      return c.json({ ...status, ...station });
    },
  });
}

const remove = defineRoute({
  method: 'delete',
  path: '/stations/{id}',
  operationId: 'deleteStation',
  tag: 'stations',
  summary: 'Stop monitoring a station; its plays stay in the log',
  rate: 'none',
  admin: true,
  params: stationId,
  response: { type: 'object', properties: { deleted: { type: 'string' } }, required: ['deleted'] },
  errors: noStation,
  handler: async ({ c, params }) => {
    await existing(c, params.id);
    await monitorOf(c.env, params.id).destroy();
    await deleteStation(c.env.CATALOG, params.id);
    return c.json({ deleted: params.id });
  },
});

const plays = defineRoute({
  method: 'get',
  path: '/stations/{id}/plays',
  operationId: 'listPlays',
  tag: 'stations',
  summary: "A station's plays, newest first (from/to bound their start)",
  rate: 'read',
  params: stationId,
  query: playsQuery,
  response: {
    type: 'object',
    properties: { plays: { type: 'array', items: playSchema }, next_cursor: { type: 'string', nullable: true } },
    required: ['plays', 'next_cursor'],
  },
  errors: { ...noStation, ...badTime },
  handler: async ({ c, params, query }) => {
    await existing(c, params.id);
    const limit = query.limit ?? DEFAULT_PLAYS_PAGE;
    const [startMs, id] = query.cursor ? query.cursor.split(/_(.*)/) : [];
    const page = await listPlays(c.env.CATALOG, {
      station: params.id,
      fromMs: timeOf(query.from, 'from'),
      toMs: timeOf(query.to, 'to'),
      track: query.track,
      limit,
      before: query.cursor ? { startMs: Number(startMs), id } : undefined,
    });
    const last = page.at(-1);
    const body: PlayList = { plays: page, next_cursor: page.length === limit && last ? `${Date.parse(last.start)}_${last.id}` : null };
    return c.json(body);
  },
});

const csv = defineRoute({
  method: 'get',
  path: '/plays.csv',
  operationId: 'exportPlays',
  tag: 'stations',
  summary: 'The play log as CSV (one line per play) for royalty reports',
  description: `Columns: ${CSV_HEADER.join(', ')}. Oldest first. The rights-society column is a guess from the ISRC's registrant country (societies license works, not recordings).`,
  rate: 'read',
  query: csvQuery,
  mediaType: 'text/csv',
  response: { type: 'string', description: 'a header line, then one line per play' },
  errors: badTime,
  handler: async ({ c, query }) => {
    const fromMs = timeOf(query.from, 'from') ?? 0;
    const toMs = timeOf(query.to, 'to');
    const db = c.env.CATALOG;
    const encoder = new TextEncoder();
    // pages of plays, oldest first, streamed: a year of a busy station is a large file
    let after = fromMs;
    let seen = new Set<string>();
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(encoder.encode(csvLine(CSV_HEADER))),
      pull: async (controller) => {
        const page = await listPlays(db, { station: query.station, fromMs: after, toMs, limit: CSV_PAGE, ascending: true });
        const fresh = page.filter((p) => !seen.has(p.id));
        if (fresh.length === 0) return controller.close();
        controller.enqueue(encoder.encode(fresh.map(playLine).join('')));
        after = Date.parse(page.at(-1)!.start);
        seen = new Set(page.filter((p) => Date.parse(p.start) === after).map((p) => p.id));
        if (page.length < CSV_PAGE) controller.close();
      },
    });
    const name = `plays${query.station ? '-' + query.station : ''}.csv`;
    return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` } });
  },
});

const daily = defineRoute({
  method: 'get',
  path: '/plays/daily',
  operationId: 'getPlaysDaily',
  tag: 'stations',
  summary: 'Plays per station per UTC day, oldest day first',
  rate: 'read',
  query: { type: 'object', additionalProperties: false, properties: { days: { type: 'integer', minimum: 1, maximum: MAX_DAILY_DAYS } } },
  response: {
    type: 'object',
    properties: {
      days: { type: 'array', items: { type: 'string' } },
      stations: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, plays: { type: 'array', items: { type: 'integer' } } }, required: ['id', 'name', 'plays'] },
      },
    },
    required: ['days', 'stations'],
  },
  handler: async ({ c, query }) => c.json(await dailyPlays(c.env.CATALOG, query.days ?? 14, Date.now())),
});

const live = defineRoute({
  method: 'get',
  path: '/stations/{id}/live',
  operationId: 'getStationLive',
  tag: 'stations',
  summary: 'Live feed (WebSocket): hello with the station, then health, now_playing and play messages (JSON)',
  rate: 'read',
  params: stationId,
  status: 101,
  errors: { ...noStation, 426: 'upgrade_required: not a WebSocket request' },
  handler: async ({ c, params }) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(426, 'upgrade_required', 'this endpoint is a WebSocket');
    await existing(c, params.id);
    return monitorOf(c.env, params.id).fetch(c.req.raw);
  },
});

export const stationRoutes = [create, list, one, toggle('pause'), toggle('resume'), remove, plays, live, csv, daily];
