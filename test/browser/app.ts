// Opens the built app in Debian Chromium at phone size, with a fake microphone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';

export interface AppOptions {
  /** WAV the fake microphone plays (looping); none: the fake device's beep. */
  clip?: string;
  /** Refuse the microphone permission. */
  denyMic?: boolean;
  /** Where full-page screenshots go. */
  artifacts?: string;
  colorScheme?: 'light' | 'dark';
  /** Reuse this browser profile (IndexedDB, service worker, caches) and leave it on close. */
  profile?: string;
  /** Cut the network before the page loads (it then comes from the service worker). */
  offline?: boolean;
  /** The browser's language (navigator.language, Accept-Language), e.g. 'fr-FR'. */
  locale?: string;
}

export interface OpenApp {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
  shot(name: string): Promise<void>;
}

export async function openApp(baseUrl: string, opts: AppOptions = {}): Promise<OpenApp> {
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'earshot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    colorScheme: opts.colorScheme ?? 'light',
    offline: opts.offline ?? false,
    locale: opts.locale,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream',
      opts.denyMic ? '--use-fake-ui-for-media-stream=deny' : '--use-fake-ui-for-media-stream',
      ...(opts.clip ? [`--use-file-for-fake-audio-capture=${opts.clip}`] : []),
    ],
  });
  // A failure that reads "Target page, context or browser has been closed" says what it met,
  // not why: these say which of the two went away, and when.
  let closing = false;
  const began = Date.now();
  context.on('close', () => {
    if (!closing) console.error(`Chromium exited by itself ${Date.now() - began} ms after launch (${baseUrl})`);
  });
  const close = async () => {
    closing = true;
    await context.close();
    if (!opts.profile) rmSync(profile, { recursive: true, force: true });
  };
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('crash', () => console.error(`the page crashed ${Date.now() - began} ms after launch (${page.url()})`));
  try {
    await page.goto(baseUrl);
  } catch (err) {
    await close();
    throw err;
  }
  return {
    page,
    context,
    shot: async (name) => {
      if (opts.artifacts) await page.screenshot({ path: join(opts.artifacts, `${name}.png`), fullPage: true });
    },
    close,
  };
}

/** The app's views, as the bottom navigation links them. */
export type ViewPath = '/' | '/history' | '/more';

/** Opens a view through the bottom navigation, as a listener would, and waits until it is the current one. */
export async function goTo(page: Page, path: ViewPath): Promise<void> {
  const link = page.getByRole('navigation').locator(`a[href="${path}"]`);
  await link.click();
  await page.getByRole('navigation').locator(`a[href="${path}"][aria-current="page"]`).waitFor();
}

/** What the shell's live region says now: the one announcement of each outcome. */
export async function announcement(page: Page): Promise<string> {
  return (await page.getByTestId('announcer').textContent()) ?? '';
}

/**
 * Waits until the song on the microphone is named. Under load (two cores, other
 * work beside the tests) one identify request can outlast the app's ask timeout (4 s); the
 * app then takes the network for gone, keeps the recording ("Kept for later") and names it
 * when its queue syncs. The listener still learns the song, so a test whose subject is not
 * the card itself accepts that way too: the sync's sentence, then the song in History.
 * Anything else (no match, a problem, nothing) fails.
 */
export async function named(page: Page, title: string, timeout = 30_000): Promise<void> {
  const card = page.getByRole('heading', { level: 2, name: title });
  const kept = page.getByRole('heading', { level: 2, name: 'Kept for later' });
  await card.or(kept).first().waitFor({ timeout });
  if (await card.isVisible()) return;
  console.warn(`identify outran the app's ask timeout; "${title}" is checked after the sync`);
  await page.getByTestId('offline-synced').getByText('you heard offline was identified').waitFor({ timeout });
  await goTo(page, '/history');
  await page.getByRole('region', { name: 'History' }).getByRole('listitem').filter({ hasText: title }).filter({ hasText: 'heard offline' }).waitFor({ timeout });
  // back where the card would have been, for the test to go on from
  await goTo(page, '/');
}

/** Resolves once the service worker controls the page (the first load is claimed, not loaded by it). */
export async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
}

/**
 * One app per test in a test file: `open()` launches it on `base()` with the test
 * artifacts folder; after each test it is closed, with a screenshot when the test failed.
 */
export function appPerTest(base: () => string, artifacts: () => string) {
  let current: OpenApp | undefined;
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await current?.shot(`failed-${task.name.replace(/\W+/g, '-')}`);
    await current?.close();
    current = undefined;
  });
  return {
    open: async (opts: AppOptions = {}, url = base()) => (current = await openApp(url, { artifacts: artifacts(), ...opts })),
  };
}
