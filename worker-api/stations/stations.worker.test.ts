// Radio monitoring in workerd: real D1, real Durable Objects with their alarms, streams from
// the test stream server (test/radio/stream-server.ts) at real pace.
import { env } from 'cloudflare:workers';
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { LiveMessage, Play, PlayList, PlaysDaily, StationStatus } from '../../common/api-types';
import { ENVELOPE, ENVELOPE_BLOCK_S, FP_VERSION, fingerprint } from '../../dsp/src/index';
import { heardSteps, levels, synthSong } from '../../dsp/testing/index';
import { dspModule } from '../audio';
import { hex } from '../encoding';
import { ADMIN, api, postJson } from '../test/fixtures';
import { weakHashes, withEnvelope } from '../test/envelopes';
import type { CapturedWindow } from './capture';
import type { Detection } from '../../common/plays';
import { ALERT_AFTER, UNSUPPORTED_RETRY_MS } from './health';
import { upsertPlays } from './store';

const streams = inject('streamUrl');
const RATE = 44100;
/** playlist.json's first track, after 4 s of talk. */
const HARBOUR = { seed: 31, seconds: 24, title: 'Harbour Lights', fromS: 4 };

const monitorOf = (id: string) => env.STATION_MONITOR.get(env.STATION_MONITOR.idFromName(id));

async function create(body: Record<string, unknown>): Promise<StationStatus> {
  const res = await postJson('/stations', body);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

async function status(id: string): Promise<StationStatus> {
  const res = await api(`/stations/${id}`);
  expect(res.status).toBe(200);
  return res.json();
}

/** Polls the station until `done` holds (the monitor runs on its own alarms). */
async function until(id: string, done: (s: StationStatus) => boolean, timeoutMs = 45_000): Promise<StationStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await status(id);
    if (done(s)) return s;
    if (Date.now() > deadline) throw new Error(`station ${id} never got there: ${JSON.stringify(s.health)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const control = async (what: 'restart' | 'drop' | 'clock', mount: string) =>
  (await (await fetch(`${streams}/control/${what}?mount=${encodeURIComponent(mount)}`, { method: 'POST' })).json()) as { clock_start_ms: number };

beforeAll(async () => {
  const song = synthSong(HARBOUR.seed, HARBOUR.seconds, RATE);
  const { hashes } = await fingerprint(dspModule, song, { sampleRate: RATE, preset: 'index' });
  const sha1 = hex(await crypto.subtle.digest('SHA-1', new Uint8Array(song.buffer)));
  const res = await postJson('/tracks', {
    title: HARBOUR.title, artist: 'The Synthetics', isrc: 'GBAYE2600031', duration_s: HARBOUR.seconds, content_sha1: sha1, fp_version: FP_VERSION,
    hashes: { hash: [...hashes.hash], t: [...hashes.t] },
  });
  expect(res.status).toBe(201);
});

describe('station admin API', () => {
  it('creates a station with the default capture, lists it, and refuses what cannot work', async () => {
    expect((await postJson('/stations', { name: 'x', url: `${streams}/radio.mp3` }, {})).status).toBe(401);
    const bad = async (body: Record<string, unknown>, what: RegExp) => {
      const res = await postJson('/stations', { name: 'Bad', url: `${streams}/radio.mp3`, ...body });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(what);
    };
    await bad({ url: 'ftp://example.com/stream' }, /http or https/);
    await bad({ url: 'not a url' }, /not a URL/);
    await bad({ url: 'http://user:pw@example.com/live' }, /credentials/);
    await bad({ url: 'http://earshot.test/api/v1/stations' }, /this service/);
    await bad({ capture: { mode: 'continuous', window_s: 10, overlap_s: 10 } }, /overlap_s/);
    await bad({ capture: { window_s: 20, every_s: 10 } }, /every_s/);
    await bad({ capture: { window_s: 2 } }, /window_s/);
    await bad({ capture: { mode: 'sometimes' } }, /mode/);
    await bad({ __proto__: 1, extra: true }, /extra|__proto__/);

    const s = await create({ name: 'Paused FM', url: 'https://radio.example/live.mp3', capture: { mode: 'windows' } });
    expect(s.capture).toEqual({ mode: 'windows', window_s: 20, every_s: 30, overlap_s: 5 });
    expect(s.health.state).toBe('starting');
    await postJson(`/stations/${s.id}/pause`, {});
    const list = (await (await api('/stations')).json()) as { stations: StationStatus[] };
    expect(list.stations.find((x) => x.id === s.id)?.paused).toBe(true);
    expect((await api('/stations/st_000000000000')).status).toBe(404);
    expect((await api('/stations/nope')).status).toBe(422);
    expect((await api(`/stations/${s.id}`, { method: 'DELETE' })).status).toBe(401);
    expect((await api(`/stations/${s.id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
  });
});

describe('the monitor (Durable Object)', () => {
  it("names a window by its band envelope where its hashes only propose the track (a DJ talking over it), and not without it", async () => {
    const seeds = Array.from({ length: 11 }, (_, i) => 701 + i);
    const ids = new Map<number, number>();
    for (const seed of seeds) {
      const res = await postJson('/tracks', withEnvelope(seed));
      expect(res.status).toBe(201);
      ids.set(seed, ((await res.json()) as { track: { id: number } }).track.id);
    }
    const [target, ...others] = seeds;
    const from = 30;
    const window: CapturedWindow = {
      startMs: Date.now() - 20_000,
      endMs: Date.now(),
      batch: weakHashes(target, from * ENVELOPE.blockSteps * ENVELOPE.stepFrames, others),
      steps: heardSteps(levels(target), from, 20, 9),
    };
    type Detector = { detect(w: CapturedWindow): Promise<Detection[]> };
    const detect = (w: CapturedWindow) => runInDurableObject(monitorOf('envelope-windows'), (m) => (m as unknown as Detector).detect(w));
    const found = await detect(window);
    expect(found.map((d) => d.track)).toEqual([ids.get(target)]);
    expect(found[0].offsetS).toBeCloseTo(from * ENVELOPE_BLOCK_S, 1);
    expect(await detect({ ...window, steps: new Float32Array(0) })).toEqual([]);
  });

  it('captures on its alarm, logs the play, keeps its state across an eviction, pauses, resumes and is deleted', async () => {
    const { clock_start_ms: programme } = await control('restart', '/radio.mp3');
    const s = await create({ name: 'Lifecycle FM', url: `${streams}/radio.mp3`, capture: { mode: 'windows', window_s: 14, every_s: 120 } });
    const captureStarted = Date.now();
    const heard = await until(s.id, (x) => x.health.captures_ok === 1);
    expect(heard.health).toMatchObject({ state: 'listening', connected: false, captures_failed: 0, capture_success_rate: 1, last_error: null });
    expect(heard.health.bytes_received).toBeGreaterThan(14 * 7000);
    expect(heard.health.seconds_received).toBeGreaterThanOrEqual(14);
    expect(heard.health.stream).toMatchObject({ format: 'audio/mpeg', name: 'Earshot FM test' });
    expect(heard.health.stream.title).toMatch(/Harbour Lights|Talk/);
    expect(heard.health.detection_latency_ms.last).toBeGreaterThan(0);
    // windows mode: the next capture every_s after this one started
    expect(Math.abs(Date.parse(heard.health.next_capture_at!) - (captureStarted + 120_000))).toBeLessThan(5000);
    const play = heard.now_playing!;
    expect(play).toMatchObject({ title: HARBOUR.title, open: true, isrc: 'GBAYE2600031', speed: 1, station_name: 'Lifecycle FM' });
    expect(Math.abs(Date.parse(play.start) - (programme + HARBOUR.fromS * 1000))).toBeLessThan(2000);
    const logged = (await (await api(`/stations/${s.id}/plays`)).json()) as PlayList;
    expect(logged.plays.map((p) => p.id)).toEqual([play.id]);

    // evicted: a new instance reads everything back, and its alarm is still set
    const stub = monitorOf(s.id);
    await evictDurableObject(stub);
    const back = await status(s.id);
    expect(back.health.captures_ok).toBe(1);
    expect(back.now_playing?.id).toBe(play.id);
    expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBe(Date.parse(heard.health.next_capture_at!));

    const paused = (await (await postJson(`/stations/${s.id}/pause`, {})).json()) as StationStatus;
    expect(paused).toMatchObject({ paused: true, now_playing: null, health: { state: 'paused', next_capture_at: null } });
    expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBeNull();
    const closed = ((await (await api(`/stations/${s.id}/plays`)).json()) as PlayList).plays[0];
    expect(closed).toMatchObject({ id: play.id, open: false, notes: ['monitor paused'] });
    expect(await runDurableObjectAlarm(stub)).toBe(false);

    const resumed = (await (await postJson(`/stations/${s.id}/resume`, {})).json()) as StationStatus;
    expect(resumed).toMatchObject({ paused: false, health: { state: 'starting' } });
    expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBeGreaterThan(Date.now() - 5000);
    await postJson(`/stations/${s.id}/pause`, {});

    expect((await api(`/stations/${s.id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await api(`/stations/${s.id}`)).status).toBe(404);
    expect(await runInDurableObject(stub, async (_, state) => [await state.storage.get('saved'), await state.storage.getAlarm()])).toEqual([undefined, null]);
    // the play log outlives the station
    const csv = await (await api(`/plays.csv?station=${s.id}`)).text();
    expect(csv.split('\r\n')[1]).toMatch(/^Lifecycle FM,Harbour Lights,The Synthetics,GBAYE2600031,/);
  });

  it('an object that dies mid-capture starts capturing again as soon as it is back, the gap noted on the play', async () => {
    await control('restart', '/radio.mp3');
    const s = await create({ name: 'Evicted FM', url: `${streams}/radio.mp3`, capture: { mode: 'continuous', window_s: 8, overlap_s: 3 } });
    const before = await until(s.id, (x) => x.now_playing !== null);
    const evictedAt = Date.now();
    // a reset mid-capture, as a crash or a deploy would do it (an eviction waits for the capture)
    await runInDurableObject(monitorOf(s.id), (_, state) => state.abort('reset by the test')).catch(() => {});
    const back = await status(s.id);
    expect(back.health.connected).toBe(false);
    expect(Date.parse(back.health.next_capture_at!)).toBeLessThan(evictedAt + 5000);
    const again = await until(s.id, (x) => (x.now_playing?.detections ?? 0) > before.now_playing!.detections, 30_000);
    expect(again.health.seconds_received).toBeGreaterThan(before.health.seconds_received);
    expect(again.now_playing?.id).toBe(before.now_playing!.id);
    expect(again.now_playing?.notes.join(' ')).toMatch(/^monitor restarted at \d\d:\d\d:\d\d UTC, (\d+ s not heard|nothing missed)$/);
    await postJson(`/stations/${s.id}/pause`, {});
    await api(`/stations/${s.id}`, { method: 'DELETE', headers: ADMIN });
  });

  it('turns every bad stream into a health state, never a crash, and backs off', async () => {
    const make = (name: string, path: string) => create({ name, url: `${streams}${path}`, capture: { mode: 'windows', window_s: 10, every_s: 30 } });
    const [aac, error, garbage, ends, stall, hang] = await Promise.all([
      make('AAC FM', '/aac'), make('Error FM', '/error.mp3'), make('Garbage FM', '/garbage.mp3'),
      make('Ends FM', '/ends.mp3'), make('Stall FM', '/stall.mp3'), make('Hang FM', '/hang.mp3'),
    ]);
    const failed = (id: string) => until(id, (x) => x.health.captures_failed >= 1, 30_000);
    const [a, e, g, n, st, h] = await Promise.all([aac, error, garbage, ends, stall, hang].map((x) => failed(x.id)));
    const failedAt = Date.now();
    expect(a.health).toMatchObject({ state: 'unsupported_format', connected: false });
    expect(a.health.last_error).toMatch(/AAC/);
    expect(Date.parse(a.health.next_capture_at!) - failedAt).toBeGreaterThan(UNSUPPORTED_RETRY_MS - 60_000);
    expect(e.health).toMatchObject({ state: 'reconnecting', last_error: 'the stream answered HTTP 503', consecutive_failures: 1, capture_success_rate: 0 });
    expect(Date.parse(e.health.next_capture_at!) - failedAt).toBeLessThan(3000);
    expect(g.health.state).toBe('reconnecting');
    expect(g.health.last_error).toMatch(/not a recognised audio file|no decodable audio/);
    expect(n.health.last_error).toMatch(/ended after \d/);
    expect(n.health.seconds_received).toBeGreaterThan(2);
    expect(st.health.last_error).toMatch(/no data from the stream for 10 s/);
    expect(h.health.last_error).toMatch(/no answer from the stream within 10 s/);
    for (const x of [a, e, g, n, st, h]) expect(x.now_playing).toBeNull();

    // failures in a row: an alert, the retry delay doubling up to its cap
    const stub = monitorOf(error.id);
    let last = await status(error.id);
    while (last.health.consecutive_failures < ALERT_AFTER) {
      await runDurableObjectAlarm(stub);
      last = await status(error.id);
    }
    expect(last.health.state).toBe('alert');
    expect(Date.parse(last.health.next_capture_at!) - Date.now()).toBeGreaterThan(2000 * 2 ** (ALERT_AFTER - 2));
    const all = (await (await api('/stations')).json()) as { stations: StationStatus[] };
    expect(all.stations.length).toBeGreaterThanOrEqual(6);
    for (const x of [aac, error, garbage, ends, stall, hang]) await api(`/stations/${x.id}`, { method: 'DELETE', headers: ADMIN });
  });

  it('pushes health and plays to the live feed, which survives a hibernating eviction', async () => {
    const s = await create({ name: 'Live FM', url: 'https://radio.example/live.mp3' });
    await postJson(`/stations/${s.id}/pause`, {});
    expect((await api(`/stations/${s.id}/live`)).status).toBe(426);
    const res = await api(`/stations/${s.id}/live`, { headers: { upgrade: 'websocket' } });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    const messages: LiveMessage[] = [];
    ws.addEventListener('message', (m) => {
      messages.push(JSON.parse(m.data as string));
    });
    ws.accept();
    const next = async (type: LiveMessage['type']) => {
      for (let i = 0; i < 100 && !messages.some((m) => m.type === type); i++) await new Promise((r) => setTimeout(r, 50));
      const i = messages.findIndex((m) => m.type === type);
      expect(i, `a ${type} message`).toBeGreaterThanOrEqual(0);
      return messages.splice(i, 1)[0];
    };
    expect(await next('hello')).toMatchObject({ type: 'hello', station: { id: s.id, paused: true } });
    await evictDurableObject(monitorOf(s.id));
    await postJson(`/stations/${s.id}/resume`, {});
    expect(await next('health')).toMatchObject({ type: 'health', station_id: s.id, health: { state: 'starting' } });
    await postJson(`/stations/${s.id}/pause`, {});
    expect(await next('health')).toMatchObject({ health: { state: 'paused' } });
    ws.close();
    await api(`/stations/${s.id}`, { method: 'DELETE', headers: ADMIN });
  });
});

describe('play log API', () => {
  const station = { id: 'st_playsplays01', name: 'Log FM, "North"' };
  const DAY = 86_400_000;
  const now = Date.now();
  const play = (i: number, over: Partial<Play> = {}): Play => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    station_id: station.id,
    station_name: station.name,
    track_id: (i % 3) + 1,
    title: i === 4 ? '=HYPERLINK("x")' : `Song ${i}`,
    artist: 'Band, The',
    isrc: i % 2 ? 'GBAYE0600001' : null,
    start: new Date(now - (10 - i) * 3600_000).toISOString(),
    end: new Date(now - (10 - i) * 3600_000 + 180_000).toISOString(),
    duration_s: 180,
    confidence: 0.999,
    speed: 1,
    detections: 6,
    open: false,
    notes: i === 2 ? ['stream dropped at 10:00:00 UTC, 4 s not heard'] : [],
    ...over,
  });

  beforeAll(async () => {
    await upsertPlays(env.CATALOG, [1, 2, 3, 4, 5].map((i) => play(i)));
    await upsertPlays(env.CATALOG, [play(6, { start: new Date(now - 3 * DAY).toISOString(), end: new Date(now - 3 * DAY + 1000).toISOString() })]);
  });

  it('pages newest first with a cursor and filters by time and track', async () => {
    // plays of a station that no longer exists are still the log's, but its page needs the station
    expect((await api(`/stations/${station.id}/plays`)).status).toBe(404);
    const rows = (await env.CATALOG.prepare('SELECT id FROM plays WHERE station_id = ?').bind(station.id).all()).results;
    expect(rows).toHaveLength(6);
    await env.CATALOG.prepare("INSERT INTO stations (id, name, url, mode, window_s, every_s, overlap_s, paused) VALUES (?, ?, 'https://radio.example/x', 'windows', 20, 30, 5, 1)").bind(station.id, station.name).run();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PlayList = await (await api(`/stations/${station.id}/plays?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.plays.map((p) => p.title));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(['Song 5', '=HYPERLINK("x")', 'Song 3', 'Song 2', 'Song 1', 'Song 6']);
    const from = new Date(now - 8.5 * 3600_000).toISOString();
    const bounded: PlayList = await (await api(`/stations/${station.id}/plays?from=${from}&to=${now - 6.5 * 3600_000}`)).json();
    expect(bounded.plays.map((p) => p.title)).toEqual(['Song 3', 'Song 2']);
    const byTrack: PlayList = await (await api(`/stations/${station.id}/plays?track=2`)).json();
    expect(byTrack.plays.map((p) => p.title)).toEqual(['=HYPERLINK("x")', 'Song 1']);
    expect((await api(`/stations/${station.id}/plays?from=yesterday`)).status).toBe(422);
    expect((await api(`/stations/${station.id}/plays?limit=0`)).status).toBe(422);
    expect((await api(`/stations/${station.id}/plays?cursor=DROP%20TABLE`)).status).toBe(422);
  });

  it('exports CSV for royalty reports, quoted, with the society guess, safe in a spreadsheet', async () => {
    const res = await api(`/plays.csv?station=${station.id}&from=${now - DAY}`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('station,title,artist,isrc,start_utc,end_utc,duration_s,confidence,speed,rights_society_guess,notes');
    expect(lines).toHaveLength(7); // header, five plays of the last day, the final CRLF
    expect(lines[1]).toBe(`"Log FM, ""North""",Song 1,"Band, The",GBAYE0600001,${play(1).start},${play(1).end},180,0.999,1,PRS for Music,`);
    expect(lines[2]).toMatch(/,"stream dropped at 10:00:00 UTC, 4 s not heard"$/);
    expect(lines[4]).toContain(',"\t=HYPERLINK(""x"")","Band, The",');
    expect((await api('/plays.csv?from=soon')).status).toBe(422);
  });

  it('counts plays per station per UTC day', async () => {
    const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    // the API counts up to its own clock, which may have passed a UTC midnight since the plays were made
    const asked = Date.now();
    const daily: PlaysDaily = await (await api('/plays/daily?days=7')).json();
    expect(daily.days).toHaveLength(7);
    expect([dayOf(asked), dayOf(Date.now())]).toContain(daily.days.at(-1));
    const mine = daily.stations.find((s) => s.id === station.id)!;
    expect(mine.plays.reduce((a, b) => a + b, 0)).toBe(6);
    expect(mine.plays[daily.days.indexOf(dayOf(now - 3 * DAY))]).toBe(1);
    expect((await api('/plays/daily?days=0')).status).toBe(422);
  });
});
