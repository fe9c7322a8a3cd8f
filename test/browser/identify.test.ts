// The app end to end: built, served by wrangler dev with the demo catalog, in Chromium
// with a fake microphone playing a WAV.
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { announcement, appPerTest, controlled, goTo, named, type AppOptions, type OpenApp } from './app';
import { encodeWav } from '../../dsp/src/decode/index';
import { ENVELOPE, ENVELOPE_VERSION } from '../../dsp/src/index';
import { decodeHashes } from '../../common/wire';
import { CLIP_TRACK } from './server';

const apps = appPerTest(() => inject('baseUrl'), () => inject('artifacts'));
let app: OpenApp;
const openApp = async (opts: AppOptions = {}) => (app = await apps.open(opts));

describe('identify from the microphone', () => {
  it('names a catalog track from a clip of it, and keeps it in the history', async () => {
    app = await openApp({ clip: inject('catalogClip') });
    const { page } = app;
    // what the app asks: hashes, and the band envelope of what it heard (never audio)
    const asked: Uint8Array[] = [];
    page.on('request', (r) => {
      const body = r.postDataBuffer();
      // sent gzipped where the browser can (web/src/lib/api.ts)
      if (r.url().includes('/api/v1/identify') && body) asked.push(new Uint8Array(r.headers()['content-encoding'] === 'gzip' ? gunzipSync(body) : body));
    });
    await page.getByRole('button', { name: 'Identify' }).click();
    await expect.poll(() => page.getByText('Listening…').isVisible()).toBe(true);
    await page.waitForTimeout(700);
    await app.shot('1-listening');
    const title = page.getByRole('heading', { level: 2, name: CLIP_TRACK.title });
    await title.waitFor({ timeout: 20_000 });
    await expect.poll(() => announcement(page)).toBe(`Found: ${CLIP_TRACK.title} by ${CLIP_TRACK.artist}`);
    expect(await page.locator('article').textContent()).toContain(CLIP_TRACK.isrc);
    await app.shot('2-match');
    expect(asked.length).toBeGreaterThan(0);
    const last = decodeHashes(asked.at(-1)!);
    expect(last.envelope).toMatchObject({ version: ENVELOPE_VERSION, bands: ENVELOPE.bands });
    // about 31 steps a second of what it heard (the first question comes after about a second)
    expect(last.envelope!.steps.length / ENVELOPE.bands).toBeGreaterThan(25);

    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('baseUrl') });
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
      new RegExp(`^${CLIP_TRACK.title} — ${CLIP_TRACK.artist}\\n${inject('baseUrl')}/r/[\\w-]+$`),
    );

    await goTo(page, '/history');
    const entry = page.getByRole('region', { name: 'History' }).getByRole('listitem').filter({ hasText: CLIP_TRACK.title });
    await expect.poll(() => entry.count()).toBe(1);
    // the History view's own address survives a reload
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/history');
    await expect.poll(() => entry.count()).toBe(1);
    await page.getByRole('button', { name: `Delete ${CLIP_TRACK.title} by ${CLIP_TRACK.artist} from history` }).click();
    await expect.poll(() => entry.count()).toBe(0);
  });

  it('says "no match" for a song that is not in the catalog', async () => {
    app = await openApp({ clip: inject('unknownClip'), colorScheme: 'dark' });
    const { page } = app;
    await page.getByRole('button', { name: 'Identify' }).click();
    await page.getByRole('heading', { name: 'No match' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await announcement(page)).toBe('No match');
    // the listening it describes: the usual limit, not held
    expect(await page.getByText('could not name this song in 15 seconds').isVisible()).toBe(true);
    await app.shot('3-no-match-dark');
  });

  it('coaches when the music is too quiet, and stops on request', async () => {
    app = await openApp({ clip: inject('quietClip') });
    const { page } = app;
    await page.getByRole('button', { name: 'Identify' }).click();
    await page.getByText('Too quiet').first().waitFor({ timeout: 10_000 });
    await app.shot('4-too-quiet');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Identify' }).waitFor();
    expect(await page.getByText('Listening…').count()).toBe(0);
  });

  it('takes a tap before the engine has loaded: the listening starts and the song is named', async () => {
    // `bench app` counts the Identify screen interactive from the button shown, not from the
    // engine ready: this is why. The engine's WASM is held back until well after the tap.
    app = await apps.open({ clip: inject('catalogClip') }, 'about:blank');
    const { page, context } = app;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let wasmAsked = false;
    await context.route(/\/assets\/dsp-[\w-]+\.wasm$/, async (route) => {
      wasmAsked = true;
      await held;
      await route.continue();
    });
    await page.goto(inject('baseUrl'));
    await page.getByRole('button', { name: 'Identify' }).click();
    await expect.poll(() => page.getByText('Listening…').isVisible()).toBe(true);
    await page.waitForTimeout(1500);
    expect(wasmAsked).toBe(true);
    expect(await page.evaluate(() => performance.getEntriesByName('earshot:engine-ready').length)).toBe(0);
    release();
    await named(page, CLIP_TRACK.title);
  });

  it('explains a refused microphone, by keyboard, announced once by the live region', async () => {
    app = await openApp({ denyMic: true });
    const { page } = app;
    const identify = page.getByRole('button', { name: 'Identify' });
    await identify.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Microphone access is blocked' }).waitFor();
    expect(await announcement(page)).toBe('Microphone access is blocked');
    // said by the live region, not by a focus move: focus stays where the listener pressed
    expect(await identify.evaluate((el) => el === document.activeElement)).toBe(true);
    await app.shot('5-mic-denied');
  });

  it('explains a browser without AudioWorklet', async () => {
    app = await openApp();
    const { page } = app;
    await page.evaluate(() => Reflect.deleteProperty(window, 'AudioWorkletNode'));
    await page.getByRole('button', { name: 'Identify' }).click();
    await page.getByRole('heading', { name: 'This browser cannot record for Earshot' }).waitFor();
  });
});

describe('identify from a file', () => {
  it('names the track in an audio file, on the Identify view', async () => {
    app = await openApp();
    const { page } = app;
    await goTo(page, '/more');
    await page.getByLabel('Choose audio file').setInputFiles(inject('catalogClip'));
    await page.getByRole('heading', { level: 2, name: CLIP_TRACK.title }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('takes a file dropped on the page', async () => {
    app = await openApp();
    const { page } = app;
    await goTo(page, '/more');
    // a real drop event carrying a real File (the demo song as the server serves it)
    await page.evaluate(async (file) => {
      const blob = await (await fetch(`/demo/${file}`)).blob();
      const data = new DataTransfer();
      data.items.add(new File([blob], file, { type: 'audio/wav' }));
      const zone = document.getElementById('file-heading')!.closest('section')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, CLIP_TRACK.file);
    await page.getByRole('heading', { level: 2, name: CLIP_TRACK.title }).waitFor({ timeout: 20_000 });
  });

  it('says why a silent recording cannot be identified', async () => {
    app = await openApp();
    const { page } = app;
    await goTo(page, '/more');
    const silence = Buffer.from(encodeWav({ sampleRate: 16000, channels: [new Float32Array(3 * 16000)] }));
    await page.getByLabel('Choose audio file').setInputFiles({ name: 'silence.wav', mimeType: 'audio/wav', buffer: silence });
    await page.getByRole('heading', { name: 'That file cannot be used' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('This file is silent').isVisible()).toBe(true);
  });

  it('refuses a file that is not audio, with the reason', async () => {
    app = await openApp();
    const { page } = app;
    await goTo(page, '/more');
    await page.getByLabel('Choose audio file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByRole('heading', { name: 'That file cannot be used' }).waitFor();
    expect(await page.getByText('does not look like an audio file').isVisible()).toBe(true);
  });
});

describe('offline', () => {
  it('reloads from the service worker and says it needs the network', async () => {
    app = await openApp();
    const { page, context } = app;
    await controlled(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Identify' }).waitFor();
    await goTo(page, '/more');
    // the engine (its .wasm from the cache) still fingerprints; only the lookup needs the network
    await page.getByLabel('Choose audio file').setInputFiles(inject('catalogClip'));
    await page.getByRole('heading', { name: 'You are offline' }).waitFor({ timeout: 20_000 });
    await app.shot('6-offline');
  });
});
