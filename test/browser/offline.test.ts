// Offline recordings end to end: made with the network cut, kept through reloads and a
// closed browser, identified exactly once when the network returns, whatever the first
// syncs suffer; and a new build deployed under an open tab.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { fingerprint, FP_VERSION } from '../../dsp/src/index';
import { loadEngineModule } from '../../dsp/src/node';
import { DEMO_RATE, renderSong } from '../../scripts/demo/songs';
import { encodeWav } from '../../dsp/src/decode/index';
import { uploadTrack } from '../../scripts/demo/upload';
import { controlled, goTo, named, openApp as open, type AppOptions, type OpenApp } from './app';
import { startRelay, type Relay } from './proxy';
import { CLIP_TRACK, LATE_SEED, SECOND_TRACK } from './server';
import { MAX_PENDING } from '../../web/src/lib/pending';
import { redeploy, root } from './stack';

let app: OpenApp | undefined;
let relay: Relay;
const profiles: string[] = [];
const openApp = (opts: AppOptions = {}) => open(relay.url, { artifacts: inject('artifacts'), ...opts });
const newProfile = () => {
  const p = mkdtempSync(join(tmpdir(), 'earshot-profile-'));
  profiles.push(p);
  return p;
};
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await app?.shot(`failed-${task.name.replace(/\W+/g, '-')}`);
  await app?.close();
  app = undefined;
  relay.up();
});
beforeAll(async () => {
  relay = await startRelay(inject('baseUrl'));
});
afterAll(async () => {
  profiles.forEach((p) => rmSync(p, { recursive: true, force: true }));
  await relay.close();
});

/** The network gone for the page (navigator.onLine) and for real (the relay resets every connection). */
async function goOffline(context: BrowserContext): Promise<void> {
  relay.down();
  await context.setOffline(true);
}
async function goOnline(context: BrowserContext): Promise<void> {
  relay.up();
  await context.setOffline(false);
}

const identifyCount = async () => ((await (await fetch(`${inject('baseUrl')}/api/v1/stats`)).json()) as { identify: { count: number } }).identify.count;
const history = (page: Page) => page.getByRole('region', { name: 'History' });
const waitingItems = (page: Page) => history(page).locator('li[data-state="waiting"]');

/** The app loaded online (so its service worker holds the shell), then the network cut. */
async function openOffline(clip: string, opts: AppOptions = {}): Promise<OpenApp> {
  app = await openApp({ clip, ...opts });
  await controlled(app.page);
  await goOffline(app.context);
  return app;
}

/** Taps Identify with the network cut and waits until the recording is queued. */
async function recordOffline(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Identify', exact: true }).click();
  await page.getByText('You are offline: Earshot keeps this recording').waitFor();
  await page.getByRole('heading', { name: 'Kept for later' }).waitFor({ timeout: 30_000 });
}

describe('recordings made offline', () => {
  it('are kept through a closed browser and a reload, then identified once each when the network returns', async () => {
    const profile = newProfile();
    const first = await openOffline(inject('catalogClip'), { profile });
    await recordOffline(first.page);
    await goTo(first.page, '/history');
    await expect.poll(() => waitingItems(first.page).count()).toBe(1);
    await first.close();

    // the browser closed; opened again offline with the other song on the microphone
    app = await openApp({ clip: inject('secondClip'), profile, offline: true });
    const { page, context } = app;
    await expect.poll(() => page.getByTestId('nav-waiting').textContent()).toBe('1');
    await goTo(page, '/history');
    await expect.poll(() => waitingItems(page).count()).toBe(1);
    await goTo(page, '/');
    await recordOffline(page);
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-waiting').textContent()).toBe('2');
    await goTo(page, '/history');
    await expect.poll(() => waitingItems(page).count()).toBe(2);
    expect(await page.getByTestId('pending-count').textContent()).toContain('2 recordings are waiting for the network');
    await app.shot('7-offline-queue');

    const before = await identifyCount();
    await goOnline(context);
    await page.getByText('2 songs you heard offline were identified.').waitFor({ timeout: 20_000 });
    await app.shot('8-offline-synced');
    for (const t of [CLIP_TRACK, SECOND_TRACK]) {
      await expect.poll(() => history(page).getByRole('listitem').filter({ hasText: `${t.title} by ${t.artist}` }).filter({ hasText: 'heard offline' }).count()).toBe(1);
    }
    expect(await waitingItems(page).count()).toBe(0);
    expect(await identifyCount()).toBe(before + 2);
    // nothing is sent again: a reload online neither re-queues nor re-counts
    await page.reload();
    await history(page).getByText(CLIP_TRACK.title).first().waitFor();
    await page.waitForTimeout(1500);
    expect(await identifyCount()).toBe(before + 2);
  });

  it('loses nothing and counts nothing twice when the first syncs fail (a 429, a 5xx, then a dropped connection)', async () => {
    const { page, context } = await openOffline(inject('catalogClip'));
    await recordOffline(page);
    await page.getByRole('button', { name: 'Identify another' }).click();
    await page.getByRole('heading', { name: 'Kept for later' }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Kept for later' }).waitFor({ timeout: 30_000 });
    await goTo(page, '/history');
    await expect.poll(() => waitingItems(page).count()).toBe(2);

    // the first item goes through; the second meets a 429, then reaches the server (which
    // counts it) but its answer is lost: behind a 500, then in a reset connection; then all is well
    const attempts: Array<{ key: string; at: number }> = [];
    await context.route('**/api/v1/identify', async (route: Route) => {
      const n = attempts.push({ key: route.request().headers()['idempotency-key'] ?? '', at: Date.now() });
      if (n === 2) return route.fulfill({ status: 429, headers: { 'retry-after': '2' }, contentType: 'application/json', body: '{"error":{"code":"rate_limited","message":"slow down"}}' });
      if (n === 3) {
        await route.fetch();
        return route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"internal error"}}' });
      }
      if (n === 4) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    const before = await identifyCount();
    await goOnline(context);
    await expect.poll(() => waitingItems(page).count(), { timeout: 30_000 }).toBe(0);
    expect(attempts.length).toBeGreaterThanOrEqual(5);
    // every retry carried the same key as the try it repeats, the 429's after its Retry-After
    expect(new Set(attempts.slice(1).map((a) => a.key)).size).toBe(1);
    expect(attempts[0].key).not.toBe(attempts[1].key);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(2000);
    // both recordings were the same song: one row counted ×2, each hearing in its detail
    const row = history(page).getByRole('listitem').filter({ hasText: CLIP_TRACK.title });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('a').textContent()).toContain('×2');
    await row.getByRole('link').click();
    const hearings = page.getByTestId('hearings').getByRole('listitem');
    await expect.poll(() => hearings.count()).toBe(2);
    expect(await hearings.filter({ hasText: 'heard offline' }).count()).toBe(2);
    expect(await identifyCount()).toBe(before + 2);
  });

  it('names a song that entered the catalog after it was heard', async () => {
    const { page, context } = await openOffline(inject('lateClip'));
    await recordOffline(page);

    const song = renderSong(LATE_SEED);
    const fp = await fingerprint(await loadEngineModule(), song, { sampleRate: DEMO_RATE, preset: 'index' });
    const meta = { title: 'Late Arrival', artist: 'The Stragglers', album: 'Afterwards', isrc: 'ZZESH2600099', external_id: 'late-arrival' };
    await uploadTrack(inject('baseUrl'), inject('adminToken'), meta, encodeWav({ sampleRate: DEMO_RATE, channels: [song] }), song.length / DEMO_RATE, fp, FP_VERSION);
    try {
      await goOnline(context);
      await page.getByText('1 song you heard offline was identified.').waitFor({ timeout: 20_000 });
      await goTo(page, '/history');
      await expect.poll(() => history(page).getByRole('listitem').filter({ hasText: 'Late Arrival by The Stragglers' }).count()).toBe(1);
    } finally {
      const found = (await (await fetch(`${inject('baseUrl')}/api/v1/tracks?external_id=late-arrival`)).json()) as { tracks: Array<{ id: number }> };
      for (const t of found.tracks) {
        await fetch(`${inject('baseUrl')}/api/v1/tracks/${t.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${inject('adminToken')}` } });
      }
    }
  });

  it(`refuses a new recording while ${MAX_PENDING} wait, and lets the user cancel one`, async () => {
    app = await openApp({ clip: inject('catalogClip') });
    const { page, context } = app;
    await controlled(page);
    // a full queue, written as the app writes it
    await page.evaluate(async (n) => {
      const open = indexedDB.open('earshot', 2);
      const db = await new Promise<IDBDatabase>((ok, no) => ((open.onsuccess = () => ok(open.result)), (open.onerror = no)));
      const tx = db.transaction(['pending', 'pending_bodies'], 'readwrite');
      const quality = { durationS: 12, peakDbfs: -3, rmsDbfs: -20, loudnessLufs: -20, clippingRatio: 0, silenceRatio: 0, snrDb: 20, invalidRatio: 0, dcOffset: 0 };
      for (let i = 0; i < n; i++) {
        const id = crypto.randomUUID();
        tx.objectStore('pending').add({ id, at: Date.now() - i * 60_000, seconds: 12, quality, gzip: false, bytes: 16, attempts: 0, nextAttemptAt: 0 });
        tx.objectStore('pending_bodies').add(new Uint8Array(16), id);
      }
      await new Promise((ok) => (tx.oncomplete = ok));
    }, MAX_PENDING);
    await goOffline(context);
    await page.reload();
    await goTo(page, '/history');
    await page.getByText(`${MAX_PENDING} recordings are waiting for the network.`).waitFor();
    await goTo(page, '/');
    await page.getByRole('button', { name: 'Identify', exact: true }).click();
    await page.getByRole('heading', { name: 'Too many recordings are waiting' }).waitFor();
    expect(await page.getByText('Listening…').count()).toBe(0);
    await goTo(page, '/history');
    await waitingItems(page).first().getByRole('button', { name: /^Cancel the recording/ }).click();
    await page.getByText(`${MAX_PENDING - 1} recordings are waiting for the network.`).waitFor();
    await expect.poll(() => page.getByTestId('nav-waiting').textContent()).toBe(String(MAX_PENDING - 1));
    // the refusal is still on the Identify view, where the listener left it
    await goTo(page, '/');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('Listening…').waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
  });
});

describe('the service worker', () => {
  it('opens the app from the cache when the network is too weak to load the page', async () => {
    app = await openApp();
    const { page } = app;
    await controlled(page);
    relay.stall();
    try {
      const started = Date.now();
      await page.reload({ waitUntil: 'commit', timeout: 15_000 });
      await page.getByRole('button', { name: 'Identify' }).waitFor({ timeout: 10_000 });
      // the navigation timeout (3 s), not the browser's own (minutes)
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      relay.up();
    }
  });

  it('keeps an open tab working through a new deploy, and offers the reload', async () => {
    app = await openApp({ clip: inject('catalogClip') });
    const { page } = app;
    await controlled(page);
    const worklet = readdirSync(join(root, 'dist/assets')).find((f) => f.startsWith('capture.worklet-'))!;
    const oldWorklet = readFileSync(join(root, 'dist/assets', worklet), 'utf8');
    // the deploy: every bundle changes, so the old build's file names are gone from the server
    await redeploy(inject('baseUrl'), { EARSHOT_BUILD_ID: `test-${Date.now()}` });
    expect(readdirSync(join(root, 'dist/assets'))).not.toContain(worklet);
    // gone: a 404, or the app's page (wrangler.toml's single-page-application fallback answers
    // a missing path with the shell), never the old script
    const served = async () => {
      const r = await fetch(`${relay.url}/assets/${worklet}`);
      const body = await r.text();
      if (body === oldWorklet) return 'the old worklet';
      return r.status === 404 || (r.headers.get('content-type') ?? '').startsWith('text/html') ? 'gone' : `${r.status} ${r.headers.get('content-type')}`;
    };
    await expect.poll(served, { timeout: 10_000 }).toBe('gone');

    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await page.getByText('A new version of Earshot is ready.').waitFor({ timeout: 20_000 });
    // still the old build, and it still records: its worklet comes from its own shell
    await page.getByRole('button', { name: 'Identify', exact: true }).click();
    await named(page, CLIP_TRACK.title);
    await app.shot('9-update-ready');

    const oldScript = await page.locator('script[type="module"]').first().getAttribute('src');
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.locator('script[type="module"]').first().getAttribute('src'), { timeout: 20_000 }).not.toBe(oldScript);
    await page.getByRole('button', { name: 'Identify' }).waitFor();
    expect(await page.getByText('A new version of Earshot is ready.').count()).toBe(0);
  });
});
