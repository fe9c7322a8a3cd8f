// Radio monitoring end to end at real pace: `wrangler dev` (Durable Objects, alarms, D1) reads
// the test stream server's live playlist as MP3 and as Ogg, with ICY metadata, and logs
// the plays. One stream drops mid-song and must reconnect.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Play, PlayList, StationStatus } from '../../common/api-types';
import { ingestPlaylist, knownTracks } from '../radio/catalog';
import { playlist, startStreamServer, type StreamServer } from '../radio/stream-server';
import { type DevServer, startDev } from './wrangler-dev';

const TOKEN = 'radio-e2e-admin-token-0123456789';
const ADMIN = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
/** Plays must start within this of the playlist's times. */
const START_TOLERANCE_MS = 5000;
/** Programme time at which the Ogg stream is cut: inside the sped-up track. */
const DROP_AT_S = 44;

let dev: DevServer;
let streams: StreamServer;

beforeAll(async () => {
  const noApp = mkdtempSync(join(tmpdir(), 'earshot-radio-assets-'));
  [dev, streams] = await Promise.all([startDev({ ADMIN_TOKEN: TOKEN }, undefined, noApp), startStreamServer()]);
  await ingestPlaylist(dev.url, TOKEN);
}, 120_000);

afterAll(async () => {
  await dev?.stop();
  await streams?.close();
});

async function station(name: string, mount: string, capture: Record<string, unknown>): Promise<StationStatus> {
  const res = await fetch(`${dev.url}/api/v1/stations`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ name, url: streams.url + mount, capture }) });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

const playsOf = async (id: string): Promise<Play[]> => ((await (await fetch(`${dev.url}/api/v1/stations/${id}/plays`)).json()) as PlayList).plays.reverse();
const sleepUntil = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));

describe('radio monitoring against wrangler dev, at real pace', () => {
  it('logs the playlist in order with start times within 5 s, no play for the unknown song, the sped-up song at 1.03, and a dropped stream reconnected', async () => {
    for (const m of ['/radio.mp3', '/radio.ogg']) streams.restart(m);
    const [mp3, ogg, windows] = await Promise.all([
      station('Earshot FM (MP3)', '/radio.mp3', { mode: 'continuous', window_s: 10, overlap_s: 5 }),
      station('Earshot FM (Ogg)', '/radio.ogg', { mode: 'continuous', window_s: 10, overlap_s: 5 }),
      station('Earshot FM (windows)', '/radio.mp3', {}),
    ]);
    const clock = (m: string) => streams.clockStart(m)!;
    await sleepUntil(clock('/radio.ogg') + DROP_AT_S * 1000);
    streams.dropAll('/radio.ogg');
    // the programme once through, and time for its last windows to be matched
    await sleepUntil(clock('/radio.mp3') + (playlist.duration_s + 6) * 1000);

    const expected = knownTracks();
    for (const [s, mount] of [[mp3, '/radio.mp3'], [ogg, '/radio.ogg'], [windows, '/radio.mp3']] as const) {
      const t0 = clock(mount);
      const all = await playsOf(s.id);
      const plays = all.filter((p) => Date.parse(p.start) < t0 + playlist.duration_s * 1000);
      const at = (p: Play) => ((Date.parse(p.start) - t0) / 1000).toFixed(1);
      const health = JSON.stringify(((await (await fetch(`${dev.url}/api/v1/stations/${s.id}`)).json()) as StationStatus).health);
      const summary = all.map((p) => `${p.title}@${at(p)}s x${p.speed}`).join(', ') + ` checked at ${((Date.now() - t0) / 1000).toFixed(1)} s ` + health;
      expect(plays.map((p) => p.title), `${s.name}: ${summary}`).toEqual(expected.map((e) => e.title));
      plays.forEach((p, i) => {
        expect(Math.abs(Date.parse(p.start) - (t0 + expected[i].from_s * 1000)), `${s.name}: ${p.title} starts at ${at(p)} s`).toBeLessThan(START_TOLERANCE_MS);
        expect(p.speed).toBeCloseTo(expected[i].speed ?? 1, 1);
        expect(p.confidence).toBeGreaterThan(0.99);
      });
      expect(Math.abs(plays[1].speed - 1.03)).toBeLessThan(0.011);
      // the first two are over: they end where the playlist says
      for (const i of [0, 1]) {
        expect(plays[i].open).toBe(false);
        expect(Math.abs(Date.parse(plays[i].end) - (t0 + expected[i].to_s * 1000)), `${s.name}: ${plays[i].title} end`).toBeLessThan(START_TOLERANCE_MS);
      }
    }

    // the cut: the Ogg monitor reconnected, and the song it was playing went on (one play, with a note)
    const oggStatus = (await (await fetch(`${dev.url}/api/v1/stations/${ogg.id}`)).json()) as StationStatus;
    expect(oggStatus.health.reconnects).toBeGreaterThanOrEqual(1);
    expect(oggStatus.health.state).toBe('listening');
    const copper = (await playsOf(ogg.id)).filter((p) => p.title === 'Copper Sky');
    expect(copper).toHaveLength(1);
    expect(copper[0].notes.join(' ')).toMatch(/stream dropped at \d\d:\d\d:\d\d UTC, (\d+ s not heard|nothing missed)/);

    const mp3Status = (await (await fetch(`${dev.url}/api/v1/stations/${mp3.id}`)).json()) as StationStatus;
    expect(mp3Status.health).toMatchObject({ state: 'listening', reconnects: 0, captures_failed: 0, stream: { name: 'Earshot FM test' } });
    const csv = await (await fetch(`${dev.url}/api/v1/plays.csv?station=${mp3.id}`)).text();
    expect(csv).toMatch(/\r\nEarshot FM \(MP3\),Harbour Lights,The Synthetics,ZZRAD2600031,/);
    expect(csv).not.toMatch(/Not In Catalog/);
  }, 240_000);
});
