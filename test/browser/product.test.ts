// The app as a product (issue 26): its views and URLs, the history (repeats, detail, search,
// undoable deletes, export), settings, the install entry points (shortcut, share target) and
// accessibility (one announcement per result, keyboard only), in Chromium at phone size
// against the real stack. Viewport screenshots go to test-artifacts/product-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { appPerTest, controlled, named, type AppOptions, type OpenApp } from './app';
import { CLIP_TRACK, SECOND_TRACK } from './server';
import { CSV_FIELDS, type HistoryEntry } from '../../web/src/lib/history/index';
import { UNDO_MS } from '../../web/src/lib/history/book.svelte';

const apps = appPerTest(() => inject('baseUrl'), () => inject('artifacts'));
let app: OpenApp;
const openApp = async (opts: AppOptions = {}, path = '/') => (app = await apps.open(opts, `${inject('baseUrl')}${path}`));
/** The visible screen only: what a phone shows, and the size the manifest's screenshots have. */
const shot = (page: Page, name: string) => page.screenshot({ path: join(inject('artifacts'), `product-${name}.png`) });

const resultTitle = (page: Page, title = CLIP_TRACK.title) => page.getByRole('heading', { level: 2, name: title });
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name });
const rows = (page: Page) => page.getByRole('region', { name: 'History' }).getByRole('listitem');

/** Entries written straight into the app's IndexedDB (as an earlier session would have left them). */
async function seed(page: Page, entries: HistoryEntry[]): Promise<number[]> {
  return page.evaluate(async (list) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('earshot');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('history', 'readwrite');
    const ids: number[] = [];
    for (const e of list) tx.objectStore('history').add(e).onsuccess = (ev) => ids.push((ev.target as IDBRequest<number>).result);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    return ids;
  }, entries);
}

async function stored(page: Page): Promise<HistoryEntry[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('earshot');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise<HistoryEntry[]>((resolve) => {
      const r = db.transaction('history').objectStore('history').getAll();
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return all;
  });
}

/** Opens the History view from the navigation and waits for the app's database. */
async function openHistory(page: Page): Promise<void> {
  await nav(page, 'History').click();
  await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
}

const track = (t: (typeof CLIP_TRACK), id: number) => ({ id, external_id: null, title: t.title, artist: t.artist, album: t.album, isrc: t.isrc, year: null });
const HOUR = 3_600_000;

describe('identify, announced once, by keyboard', () => {
  it('Tab to Identify, Enter, the result said once (no focus jump), then Tab on to Share', async () => {
    app = await openApp({ clip: inject('catalogClip') });
    const { page } = app;
    await shot(page, '1-first-load');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // every text the live region takes, as a screen reader would be handed it
    await page.evaluate(() => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      const region = document.querySelector('[data-testid="announcer"]')!;
      new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    });
    const identify = page.getByRole('button', { name: 'Identify', exact: true });
    for (let i = 0; i < 10 && !(await identify.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await identify.evaluate((el) => el === document.activeElement)).toBe(true);
    // visible focus
    expect(await identify.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByText('Listening…').waitFor();
    await page.waitForTimeout(800);
    await shot(page, '2-listening');
    await resultTitle(page).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1_000);
    await shot(page, '3-result');

    const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
    expect(said.filter((s) => s.includes(CLIP_TRACK.title))).toEqual([`Found: ${CLIP_TRACK.title} by ${CLIP_TRACK.artist}`]);
    // the heading is not focused: a focus move would be read out as a second announcement
    expect(await page.evaluate(() => document.activeElement?.closest('h1, h2') === null)).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim())).toBe('Identify');

    // the artwork is the Worker's picture (or its placeholder), loaded
    const art = page.locator('article img').first();
    await expect.poll(() => art.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => /share/i.test((document.activeElement as HTMLElement | null)?.innerText ?? ''));
    }
    expect(reached).toBe(true);
  });

  it('the "Identify now" shortcut (/?listen=1) starts listening, once', async () => {
    app = await openApp({ clip: inject('catalogClip') }, '/?listen=1');
    const { page } = app;
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    // what it heard is named (now, or after a sync if the question outran the ask timeout)
    await named(page, CLIP_TRACK.title);
  });
});

describe('views and URLs', () => {
  it('navigates by the bottom bar with real URLs, titles and focus, back and forward', async () => {
    app = await openApp();
    const { page } = app;
    await openHistory(page);
    expect(new URL(page.url()).pathname).toBe('/history');
    expect(await page.title()).toBe('History · Earshot');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('History');
    expect(await nav(page, 'History').getAttribute('aria-current')).toBe('page');
    await nav(page, 'More').click();
    await page.getByRole('heading', { level: 1, name: 'More' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/more');
    await shot(page, '6-more');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('History');
    await page.goForward();
    await page.getByRole('heading', { level: 1, name: 'More' }).waitFor();
    // the radio monitor is a page of its own: a real navigation
    await page.getByRole('link', { name: 'Radio monitor' }).click();
    await page.waitForURL('**/stations');
    await page.goto(`${inject('baseUrl')}/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });

  it('history: repeats grouped with a count, accent-insensitive search, the detail view, a deep link reloaded offline', async () => {
    app = await openApp({ clip: inject('catalogClip') });
    const { page, context } = app;
    await page.getByRole('button', { name: 'Identify', exact: true }).click();
    await resultTitle(page).waitFor({ timeout: 20_000 });
    await openHistory(page);
    await expect.poll(() => rows(page).count()).toBe(1);
    const [real] = await stored(page);
    // the speed it was heard at is kept with the answer (the demo clip: as indexed)
    expect(real.speed).toBeCloseTo(1, 1);
    const { id: _id, ...again } = real;
    const now = Date.now();
    await seed(page, [
      { ...again, at: now - 2 * HOUR, source: 'file' },
      { at: now - 3 * HOUR, source: 'mic', status: 'match', track: { ...track(SECOND_TRACK, real.track!.id + 1), title: 'Café Bémol' }, confidence: 0.9999, offset_s: 12, speed: 1.04 },
      { at: now - 4 * HOUR, source: 'mic', status: 'no_match' },
    ]);
    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(3);
    const clipRow = rows(page).filter({ hasText: CLIP_TRACK.title });
    expect(await clipRow.textContent()).toContain('×2');
    await page.waitForTimeout(500);
    await shot(page, '4-history');

    await page.getByRole('searchbox', { name: 'Search history' }).fill('cafe bemol');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).textContent()).toContain('Café Bémol');
    await page.getByRole('searchbox', { name: 'Search history' }).fill('oscillators night');
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Search history' }).fill('');

    await clipRow.getByRole('link').click();
    await page.waitForURL(`**/history/${real.id}`);
    await resultTitle(page).waitFor();
    expect(await page.getByTestId('hearings').getByRole('listitem').count()).toBe(2);
    expect(await page.title()).toBe(`${CLIP_TRACK.title} by ${CLIP_TRACK.artist} · Earshot`);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.waitForTimeout(500);
    await shot(page, '5-detail');

    // offline: the service worker answers the deep link with the app's shell
    await controlled(page);
    await context.setOffline(true);
    await page.reload();
    await resultTitle(page).waitFor();
    expect(await page.getByTestId('hearings').getByRole('listitem').count()).toBe(2);
    await shot(page, '7-offline-detail');
    await page.goto(`${inject('baseUrl')}/history`);
    await expect.poll(() => rows(page).count()).toBe(3);
    // a song heard sped up says so in its detail, as the result card did
    await rows(page).filter({ hasText: 'Café Bémol' }).getByRole('link').click();
    await page.getByText('played 4 % fast').waitFor();
  });

  it('delete with undo restores the entry exactly; deletes become final when the bar goes; clear is undoable', async () => {
    app = await openApp();
    const { page } = app;
    await openHistory(page);
    const now = Date.now();
    await seed(page, [
      { at: now - HOUR, source: 'mic', status: 'match', track: track(CLIP_TRACK, 2), confidence: 0.99999, offset_s: 31.5 },
      { at: now - 2 * HOUR, source: 'file', status: 'match', track: track(SECOND_TRACK, 3), confidence: 0.9995, offset_s: 4, identifiedAt: now - HOUR },
      { at: now - 3 * HOUR, source: 'mic', status: 'no_match' },
    ]);
    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(3);
    const before = await stored(page);

    await page.getByRole('button', { name: `Delete ${CLIP_TRACK.title} by ${CLIP_TRACK.artist} from history` }).click();
    await expect.poll(() => rows(page).count()).toBe(2);
    const bar = page.getByTestId('snackbar');
    expect(await bar.textContent()).toContain('Deleted');
    // nothing is deleted while Undo is on offer
    expect(await stored(page)).toHaveLength(3);
    await bar.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows(page).count()).toBe(3);
    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await stored(page)).toEqual(before);

    // the window closes by itself: then it is gone from the device
    await page.getByRole('button', { name: `Delete ${SECOND_TRACK.title} by ${SECOND_TRACK.artist} from history` }).click();
    await expect.poll(() => stored(page).then((s) => s.length), { timeout: UNDO_MS + 5_000 }).toBe(2);
    expect(await bar.count()).toBe(0);

    await page.getByRole('button', { name: 'Clear history' }).click();
    await expect.poll(() => rows(page).count()).toBe(0);
    expect(await bar.textContent()).toContain('History cleared');
    await bar.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => rows(page).count()).toBe(2);
    await page.getByRole('button', { name: 'Clear history' }).click();
    await bar.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => stored(page).then((s) => s.length)).toBe(0);
    await page.reload();
    await page.getByText('Songs you identify are kept here').waitFor();
  });

  it('exports the history as CSV (header, a row per entry, RFC 4180 quoting) and JSON', async () => {
    app = await openApp();
    const { page } = app;
    await openHistory(page);
    const now = Date.now();
    const tricky = { ...track(CLIP_TRACK, 2), title: 'Say "when", then', album: 'Line\nbreak' };
    await seed(page, [
      { at: now - HOUR, source: 'mic', status: 'match', track: tricky, confidence: 0.99999, offset_s: 31.5 },
      { at: now - 2 * HOUR, source: 'mic', status: 'match', track: tricky, confidence: 0.9995, offset_s: 4 },
      { at: now - 3 * HOUR, source: 'mic', status: 'no_match' },
    ]);
    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(2);

    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export history as CSV' }).click();
    const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_FIELDS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    // three entries (repeats are rows of their own), the quoted fields intact
    expect(csv.match(/"Say ""when"", then"/g)).toHaveLength(2);
    expect(csv).toContain('"Line\nbreak"');
    expect(lines.filter((l) => /^\d{4}-\d\d-\d\dT/.test(l))).toHaveLength(3);

    const jsonDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export history as JSON' }).click();
    const json = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8')) as { format: string; entries: HistoryEntry[] };
    expect(json.format).toBe('earshot-history');
    expect(json.entries.map((e) => e.track?.title ?? null)).toEqual([tricky.title, tricky.title, null]);
  });
});

describe('settings', () => {
  const listenOnOpen = (page: Page) => page.getByRole('checkbox', { name: /Identify when the app opens/ }).check();
  const micState = (page: Page) => page.evaluate(() => navigator.permissions.query({ name: 'microphone' as PermissionName }).then((s) => s.state));

  it('"Identify when the app opens" listens on launch when the microphone is already allowed, on the Identify screen only', async () => {
    app = await openApp({ clip: inject('catalogClip') }, '/more');
    const { page } = app;
    await listenOnOpen(page);
    await page.goto(`${inject('baseUrl')}/history`);
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    await page.waitForTimeout(1_000);
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
    expect(await micState(page)).toBe('granted');
    await page.goto(inject('baseUrl'));
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await resultTitle(page).waitFor({ timeout: 20_000 });
  });

  it('…and never asks for the microphone unasked', async () => {
    app = await openApp({ denyMic: true }, '/more');
    const { page } = app;
    await listenOnOpen(page);
    await page.goto(inject('baseUrl'));
    expect(await micState(page)).not.toBe('granted');
    await page.waitForTimeout(1_500);
    // an attempt would have ended in "Microphone access is blocked"
    expect(await page.getByRole('heading', { level: 2 }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Identify', exact: true }).isVisible()).toBe(true);
  });
});

describe('install', () => {
  it('an audio file shared to the app (share_target POST through the service worker) is identified', async () => {
    app = await openApp();
    const { page } = app;
    await controlled(page);
    // what the OS share sheet sends: a multipart POST navigation to the manifest's action
    const manifest = await page.evaluate(() => fetch('/manifest.webmanifest').then((r) => r.json()));
    const target = manifest.share_target as { action: string; params: { files: { name: string }[] } };
    await page.evaluate(
      async ({ action, field, file }) => {
        const blob = await (await fetch(`/demo/${file}`)).blob();
        const form = Object.assign(document.createElement('form'), { method: 'post', enctype: 'multipart/form-data', action });
        const input = Object.assign(document.createElement('input'), { type: 'file', name: field });
        const data = new DataTransfer();
        data.items.add(new File([blob], file, { type: 'audio/wav' }));
        input.files = data.files;
        form.append(input);
        document.body.append(form);
        form.submit();
      },
      { action: target.action, field: target.params.files[0].name, file: CLIP_TRACK.file },
    );
    await resultTitle(page).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).search).toBe('');
    // taken once: the kept file is gone
    expect(await page.evaluate(() => caches.open('earshot-shared').then((c) => c.keys()).then((k) => k.length))).toBe(0);
  });

  it('a share without a file says so', async () => {
    app = await openApp();
    const { page } = app;
    await controlled(page);
    await page.evaluate(() => {
      const form = Object.assign(document.createElement('form'), { method: 'post', enctype: 'multipart/form-data', action: '/share-target' });
      document.body.append(form);
      form.submit();
    });
    await page.getByRole('heading', { name: 'The shared audio file did not reach Earshot. Share it again.' }).waitFor();
  });

  it('the manifest names the app, its shortcut and its screenshots, which exist', async () => {
    const base = inject('baseUrl');
    const m = (await (await fetch(`${base}/manifest.webmanifest`)).json()) as {
      id: string;
      shortcuts: { url: string }[];
      screenshots: { src: string; sizes: string; form_factor: string }[];
      categories: string[];
    };
    expect(m.id).toBe('/');
    expect(m.shortcuts[0].url).toBe('/?listen=1');
    expect(m.categories).toEqual(['music', 'entertainment']);
    for (const s of m.screenshots) {
      const png = Buffer.from(await (await fetch(`${base}${s.src}`)).arrayBuffer());
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(s.sizes);
      expect(s.form_factor).toBe('narrow');
    }
  });
});

describe('sharing', () => {
  it('a shared link opened in a fresh browser shows the answer', async () => {
    app = await openApp({ clip: inject('catalogClip') });
    const { page } = app;
    const answered = page.waitForResponse(async (r) => r.url().includes('/api/v1/identify') && (await r.json().catch(() => null))?.status === 'match');
    await page.getByRole('button', { name: 'Identify', exact: true }).click();
    const { token } = (await (await answered).json()) as { token: string };
    await resultTitle(page).waitFor({ timeout: 20_000 });

    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const fresh = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
      await fresh.goto(`${inject('baseUrl')}/r/${token}`);
      expect(await fresh.locator('h1, h2').first().textContent()).toContain(CLIP_TRACK.title);
      await fresh.screenshot({ path: join(inject('artifacts'), 'product-8-shared-page.png') });
    } finally {
      await browser.close();
    }
  });
});
