// The identify experience's parts (issue 26) in Chromium against the real stack: the level
// animation while listening (and its still form under reduced motion), the result card
// (artwork, listen links, Copy, Share by Web Share or by our own sheet, keyboard only) and
// its French. Screenshots go to test-artifacts/result-*.png.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { confidenceWords } from '../../common/confidence-words';
import { listenLinks, sharePath } from '../../common/links';
import { encodeWav } from '../../dsp/src/decode/index';
import { DEMO_RATE, renderSong, UNKNOWN_SEED } from '../../scripts/demo/songs';
import { resultWords } from '../../web/src/lib/i18n/result';
import { HELD_LISTEN_S } from '../../web/src/lib/listen-limit';
import { DEFAULT_MUSIC } from '../acrcloud/standin';
import { appPerTest, goTo, type AppOptions, type OpenApp } from './app';
import { CLIP_TRACK } from './server';

const apps = appPerTest(() => inject('baseUrl'), () => inject('artifacts'));
let app: OpenApp;
const openApp = async (opts: AppOptions = {}) => (app = await apps.open(opts));
const shot = (page: Page, name: string) => page.screenshot({ path: join(inject('artifacts'), `result-${name}.png`), fullPage: true });

const work = mkdtempSync(join(tmpdir(), 'earshot-result-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A song the catalog lacks (listening runs on), loud and 40 dB down in turns of 1.5 s. */
function pulsingClip(): string {
  const song = renderSong(UNKNOWN_SEED, 12);
  const turn = 1.5 * DEMO_RATE;
  const x = song.map((v, i) => (Math.floor(i / turn) % 2 === 0 ? v : v * 0.01));
  const path = join(work, 'pulsing.wav');
  writeFileSync(path, encodeWav({ sampleRate: DEMO_RATE, channels: [x] }));
  return path;
}

/** The result token of the identify answer that named the song. */
function matchToken(page: Page): () => string | null {
  let token: string | null = null;
  page.on('response', async (r) => {
    if (r.request().method() !== 'POST' || new URL(r.url()).pathname !== '/api/v1/identify') return;
    const body = (await r.json().catch(() => null)) as { status: string; token: string } | null;
    if (body?.status === 'match') token = body.token;
  });
  return () => token;
}

async function identify(page: Page, button = 'Identify', title = CLIP_TRACK.title): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 20_000 });
}

/** The middle bar's vertical scale and the meter's reading, now. */
const reading = (page: Page) =>
  page.evaluate(() => {
    const meter = document.querySelector('[role="meter"]')!;
    const bars = meter.querySelectorAll<HTMLElement>('[data-testid="level-bars"] > *');
    const scale = bars.length ? new DOMMatrix(getComputedStyle(bars[Math.floor(bars.length / 2)]).transform).d : NaN;
    return { scale, db: Number(meter.getAttribute('aria-valuenow')) };
  });

describe('listening', () => {
  it('moves the level bars with the input: tall while loud, short while quiet', async () => {
    app = await openApp({ clip: pulsingClip() });
    const { page } = app;
    await page.getByRole('button', { name: 'Identify', exact: true }).click();
    await page.getByTestId('level-bars').waitFor();
    const samples: { scale: number; db: number }[] = [];
    for (let i = 0; i < 40; i++) {
      samples.push(await reading(page));
      if (i === 20) await shot(page, '1-listening');
      await page.waitForTimeout(100);
    }
    const loud = samples.filter((s) => s.db > -30).map((s) => s.scale);
    const quiet = samples.filter((s) => s.db < -50).map((s) => s.scale);
    expect(loud.length).toBeGreaterThan(5);
    expect(quiet.length).toBeGreaterThan(5);
    // the bars follow the level with a short lag: compare the typical heights, not each pair
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(median(loud)).toBeGreaterThan(median(quiet) + 0.3);
    // m:ss against the limit
    expect(await page.getByTestId('listen-clock').textContent()).toMatch(/^0:0\d \/ 0:15$/);
  });

  it('keeps listening past the usual limit when asked, up to the held limit', async () => {
    app = await openApp({ clip: pulsingClip() });
    const { page } = app;
    await page.getByRole('button', { name: 'Identify', exact: true }).click();
    const hold = page.getByRole('button', { name: 'Keep listening' });
    await hold.click();
    expect(await hold.getAttribute('aria-pressed')).toBe('true');
    const clock = page.getByTestId('listen-clock');
    expect(await clock.textContent()).toMatch(new RegExp(`/ 0:${HELD_LISTEN_S}$`));
    await expect.poll(() => clock.textContent(), { timeout: 25_000, interval: 250 }).toMatch(/^0:1[7-9] /);
    expect(await page.getByRole('button', { name: 'Stop', exact: true }).isVisible()).toBe(true);
    await page.getByRole('heading', { name: 'No match' }).waitFor({ timeout: 25_000 });
    // the notice tells the time actually listened
    expect(await page.getByText(`could not name this song in ${HELD_LISTEN_S} seconds`).isVisible()).toBe(true);
  });

  it('holds still under reduced motion: a plain bar and the level in dB, nothing animated', async () => {
    app = await openApp({ clip: pulsingClip() });
    const { page } = app;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Identify', exact: true }).click();
    await page.getByTestId('level-static').waitFor();
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('level-bars').count()).toBe(0);
    expect(await page.getByRole('meter').textContent()).toMatch(/-?\d+ dB|silent/);
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
    const fill = page.getByTestId('level-static').locator('> *');
    expect(await fill.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
    await shot(page, '2-listening-reduced-motion');
  });
});

describe('the result card', () => {
  it('shows the song with its artwork and listen links, and copies it with its shared link', async () => {
    app = await openApp({ clip: inject('catalogClip') });
    const { page, context } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('baseUrl') });
    const token = matchToken(page);
    await identify(page);
    const card = page.locator('article');
    expect(await card.getByText(CLIP_TRACK.artist, { exact: true }).isVisible()).toBe(true);
    expect(await card.getByTestId('album-year').textContent()).toContain(CLIP_TRACK.album);
    expect(['Certain', 'Very sure', 'Fairly sure']).toContain(await card.getByTestId('confidence').textContent());

    // the catalog's picture, sized before it loads (no layout shift), described
    const art = card.getByRole('img', { name: `Cover of ${CLIP_TRACK.title}` });
    expect(await art.getAttribute('src')).toMatch(/\/api\/v1\/tracks\/\d+\/artwork\?size=300$/);
    expect([await art.getAttribute('width'), await art.getAttribute('height')]).toEqual(['112', '112']);
    await expect.poll(() => art.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    const links = card.getByRole('list', { name: 'Listen on' }).getByRole('link');
    expect(await links.count()).toBe(4);
    const services = resultWords.en.services;
    for (const { service, url } of listenLinks(CLIP_TRACK)) {
      const link = card.getByRole('link', { name: services[service] });
      expect(await link.getAttribute('href')).toBe(url);
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    }
    await shot(page, '3-card');

    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await card.getByText('Copied').waitFor();
    expect(token()).toBeTruthy();
    const url = `${inject('baseUrl')}${sharePath(token()!)}`;
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${CLIP_TRACK.title} — ${CLIP_TRACK.artist}\n${url}`);
    // the link opens the shared answer for someone without the app
    const shared = await fetch(url);
    expect(shared.status).toBe(200);
    expect(await shared.text()).toContain(CLIP_TRACK.title);
  });

  it('shares through the Web Share API where the browser has it', async () => {
    app = await openApp({ clip: inject('catalogClip') });
    const { page, context } = app;
    // the system share sheet cannot be driven headless: the page's navigator.share records its call
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'share', {
        value: async (data: ShareData) => void ((window as unknown as { shared: ShareData[] }).shared ??= []).push(data),
      });
    });
    await page.reload();
    const token = matchToken(page);
    await identify(page);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { shared?: ShareData[] }).shared)).toEqual([
      { title: CLIP_TRACK.title, text: `${CLIP_TRACK.title} — ${CLIP_TRACK.artist}`, url: `${inject('baseUrl')}${sharePath(token()!)}` },
    ]);
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('without Web Share, opens its own share sheet, by keyboard alone: copy link, focus kept inside, Escape closes', async () => {
    app = await openApp({ clip: inject('catalogClip') });
    const { page, context } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('baseUrl') });
    await context.addInitScript(() => {
      delete (Navigator.prototype as Partial<Navigator>).share;
      delete (navigator as Partial<Navigator>).share;
    });
    await page.reload();
    expect(await page.evaluate(() => 'share' in navigator)).toBe(false);
    const token = matchToken(page);
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim() ?? '');

    // the keyboard from the top of the page: Tab to Identify, Enter
    const identifyButton = page.getByRole('button', { name: 'Identify', exact: true });
    for (let i = 0; i < 15 && !(await identifyButton.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: CLIP_TRACK.title }).waitFor({ timeout: 20_000 });
    // the card does not take focus (the live region says the result once)
    expect(await page.evaluate(() => document.activeElement?.closest('article'))).toBeNull();

    for (let i = 0; i < 25 && (await focused()) !== 'Share'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Share');
    const share = page.getByRole('button', { name: 'Share', exact: true });
    expect(await share.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');

    const sheet = page.getByRole('dialog', { name: 'Share this song' });
    await sheet.waitFor();
    await shot(page, '4-share-sheet');
    const inSheet = () => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
    expect(await inSheet()).toBe(true);
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      if (await inSheet()) seen.add(await focused());
      else expect.fail(`Tab ${i + 1} left the sheet for "${await focused()}"`);
    }
    expect([...seen].sort()).toEqual(['Close', 'Copy link', 'Copy text']);
    while ((await focused()) !== 'Copy link') await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Close');

    while ((await focused()) !== 'Copy link') await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await sheet.getByText('Link copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${inject('baseUrl')}${sharePath(token()!)}`);
    while ((await focused()) !== 'Copy text') await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await sheet.getByText('Text copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${CLIP_TRACK.title} — ${CLIP_TRACK.artist}`);

    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
    expect(await focused()).toBe('Share');
  });

  it('shows a song only ACRCloud named with the placeholder cover, its release year and ACRCloud\'s score', async () => {
    await fetch(`${inject('acrcloudUrl')}/__script`, { method: 'POST', body: '[]' });
    app = await openApp({ clip: inject('unknownClip') });
    const { page } = app;
    // the listener allows the fallback in More
    await page.getByRole('navigation').getByRole('link', { name: 'More' }).click();
    await page.getByRole('checkbox', { name: /to ACRCloud/ }).check();
    await page.getByRole('navigation').getByRole('link', { name: 'Identify' }).click();
    await identify(page, 'Identify', DEFAULT_MUSIC.title);
    const card = page.locator('article');
    expect(await card.getByTestId('answer-source').textContent()).toBe('ACRCloud');
    expect(await card.getByTestId('album-year').textContent()).toBe(`${DEFAULT_MUSIC.album!.name} · ${DEFAULT_MUSIC.release_date!.slice(0, 4)}`);
    expect(await card.getByText(`${DEFAULT_MUSIC.score} / 100`).isVisible()).toBe(true);
    // no catalog id: the placeholder, drawn in the page, not a catalog picture
    const art = card.getByRole('img', { name: `Cover of ${DEFAULT_MUSIC.title}` });
    expect(await art.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await expect.poll(() => art.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await shot(page, '6-card-acrcloud');
  });

  it('speaks French to a French browser', async () => {
    app = await openApp({ clip: inject('catalogClip'), locale: 'fr-FR' });
    const { page } = app;
    await page.getByRole('button', { name: 'Identifier', exact: true }).click();
    await page.getByText('J’écoute…').waitFor();
    await page.getByRole('heading', { level: 2, name: CLIP_TRACK.title }).waitFor({ timeout: 20_000 });
    const card = page.locator('article');
    const fr = resultWords.fr;
    await card.getByText(fr.found).waitFor();
    expect(await card.getByText(fr.confidence, { exact: true }).isVisible()).toBe(true);
    const words = [0.99999, 0.9995, 0.995].map((c) => confidenceWords(c, 'fr'));
    expect(words).toContain(await card.getByTestId('confidence').textContent());
    expect(await card.getByRole('list', { name: fr.listenOn }).getByRole('link', { name: fr.services.web }).isVisible()).toBe(true);
    expect(await card.getByRole('img', { name: fr.cover(CLIP_TRACK.title) }).isVisible()).toBe(true);
    for (const name of [fr.copy, fr.share]) expect(await card.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
    await shot(page, '5-card-fr');
    // the history says how sure in the same words as the card
    const sure = (await card.getByTestId('confidence').textContent())!.toLowerCase();
    await goTo(page, '/history');
    const row = page.getByRole('region', { name: 'Historique' }).getByRole('listitem').filter({ hasText: CLIP_TRACK.title });
    await expect.poll(() => row.textContent()).toContain(`micro · ${sure}`);
  });
});
