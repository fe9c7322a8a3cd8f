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
  const close = async () => {
    await context.close();
    if (!opts.profile) rmSync(profile, { recursive: true, force: true });
  };
  const page = context.pages()[0] ?? (await context.newPage());
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
