// The radio monitor's page end to end: a station on a local Icecast broadcasting the test
// programme (test/radio/stream-server.ts), monitored by the real Worker under wrangler dev,
// watched in Chromium. A song of the programme that is in the catalog shows up in the play
// log while the page stays open; the page opens offline from the identify app's service
// worker; a failed load says so and can be retried.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiError, StationStatus } from '../../common/api-types';
import { ingestPlaylist, knownTracks } from '../radio/catalog';
import { startStreamServer, type StreamServer } from '../radio/stream-server';
import { appPerTest, controlled } from './app';

const SONGS = knownTracks();
const apps = appPerTest(() => inject('baseUrl'), () => inject('artifacts'));
const base = () => inject('baseUrl');

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base()}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${inject('adminToken')}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json().catch(() => null)) as T | ApiError | null;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

const stationCard = (page: Page, name: string) => page.getByTestId('station').filter({ has: page.getByRole('heading', { name, exact: true }) });

describe('radio monitor', () => {
  let stream: StreamServer;
  const stations: string[] = [];

  beforeAll(async () => {
    stream = await startStreamServer();
    // the programme's catalog songs, as the radio tests ingest them (they stay: the stack is this run's own)
    await ingestPlaylist(base(), inject('adminToken'));
  });

  afterAll(async () => {
    for (const id of stations) await admin('DELETE', `/stations/${id}`);
    await stream?.close();
  });

  it('shows a play of a catalog song live, with the station listening', { timeout: 180_000 }, async () => {
    const name = 'Earshot Test FM';
    const station = await admin<StationStatus>('POST', '/stations', {
      name,
      url: new URL('/radio.mp3', stream.url).href,
      capture: { mode: 'continuous', window_s: 10, every_s: 10, overlap_s: 5 },
    });
    stations.push(station.id);

    const app = await apps.open({}, `${base()}/stations`);
    const { page } = app;
    const card = stationCard(page, name);
    await card.waitFor();
    // the station may not be the first one: choose it, as a person would
    await card.getByRole('link', { name }).click();
    await page.getByRole('heading', { name: `Plays on ${name}` }).waitFor();
    // the log's first page is in (empty, unless a slow browser start let a window finish): the next play comes live
    const rows = page.getByTestId('play');
    await rows.or(page.getByText('No plays logged yet')).first().waitFor();
    const before = await rows.count();
    await page.evaluate(() => Object.assign(window, { earshotSameDocument: true }));

    // every play of the programme is a catalog song (the unknown one makes none), newest on top
    await expect.poll(() => rows.count(), { timeout: 120_000 }).toBeGreaterThan(before);
    const text = (await rows.first().textContent()) ?? '';
    const song = SONGS.find((s) => text.includes(s.title!));
    expect(song, text).toBeDefined();
    expect(text).toContain(song!.artist);
    expect(await page.evaluate(() => 'earshotSameDocument' in window)).toBe(true);
    await expect.poll(() => card.getByTestId('station-state').textContent(), { timeout: 30_000 }).toBe('listening');
    const csv = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(csv).toBe(`/api/v1/plays.csv?station=${station.id}`);
    expect((await fetch(`${base()}${csv}`)).ok).toBe(true);
    await app.shot('stations-1-live');
    await page.setViewportSize({ width: 1280, height: 800 });
    await app.shot('stations-2-live-laptop');
  });

  it("opens offline from the identify app's service worker, and says why there is nothing to show", async () => {
    const app = await apps.open();
    const { page, context } = app;
    await controlled(page);
    await context.setOffline(true);
    await page.goto(`${base()}/stations`);
    await page.getByRole('heading', { name: 'Radio monitor' }).waitFor();
    await page.getByText('Could not load the stations: you are offline.').waitFor();
  });

  it('says so when the stations cannot be loaded, and tries again on request', async () => {
    const app = await apps.open({ colorScheme: 'dark' }, `${base()}/stations`);
    const { page } = app;
    await page.route('**/api/v1/stations', (route) => route.abort('connectionrefused'));
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'Could not load the stations' }).waitFor();
    await app.shot('stations-3-unreachable-dark');
    await page.unroute('**/api/v1/stations');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.getByText('Could not load the stations').count()).toBe(0);
    await page.getByRole('heading', { name: 'Radio monitor' }).waitFor();
  });
});
