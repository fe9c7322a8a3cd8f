// The ACRCloud fallback from the app, against the stand-in the stack configured: allowed,
// an unknown song is named by ACRCloud with its source; off (the default), no audio
// leaves the page.
import type { Request } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEFAULT_MUSIC } from '../acrcloud/standin';
import { announcement, appPerTest, goTo, type AppOptions, type OpenApp } from './app';

const apps = appPerTest(() => inject('baseUrl'), () => inject('artifacts'));
let app: OpenApp;
const openApp = async (opts: AppOptions = {}) => (app = await apps.open(opts));

const SETTING = /send the last 12 seconds of the recording to ACRCloud/;
/** A request that carries audio: a WAV body or an audio content type. */
const carriesAudio = (r: Request) => (r.headers()['content-type'] ?? '').startsWith('audio/') || (r.postDataBuffer()?.subarray(0, 4).toString('latin1') ?? '') === 'RIFF';

describe('the fallback identifier in the app', () => {
  it('names an unknown song through ACRCloud when the listener allowed it, and says so', async () => {
    await fetch(`${inject('acrcloudUrl')}/__script`, { method: 'POST', body: '[]' });
    // a clip of its own: another test's sample of the same audio would be answered from the cache, not by ACRCloud
    app = await openApp({ clip: inject('fallbackClip') });
    const { page } = app;
    const sent: Request[] = [];
    page.on('request', (r) => carriesAudio(r) && sent.push(r));
    await goTo(page, '/more');
    const setting = page.getByRole('checkbox', { name: SETTING });
    expect(await setting.isChecked()).toBe(false);
    await setting.check();
    await goTo(page, '/');
    await page.getByRole('button', { name: 'Identify' }).click();
    await page.getByRole('heading', { level: 2, name: DEFAULT_MUSIC.title }).waitFor({ timeout: 40_000 });
    expect(await page.getByTestId('answer-source').textContent()).toBe('ACRCloud');
    await page.getByText('PRS for Music').waitFor();
    expect(await announcement(page)).toBe(`Found: ${DEFAULT_MUSIC.title} by ${DEFAULT_MUSIC.artists![0].name}`);
    await app.shot('12-fallback-acrcloud');
    await goTo(page, '/history');
    await page.getByRole('region', { name: 'History' }).getByRole('listitem').filter({ hasText: DEFAULT_MUSIC.title }).getByText('named by ACRCloud').waitFor();
    expect(sent.map((r) => new URL(r.url()).pathname)).toEqual(['/api/v1/identify/fallback']);
    const wav = sent[0].postDataBuffer()!;
    expect(wav.length).toBeLessThanOrEqual(1024 * 1024);
    expect(wav.readUInt32LE(24)).toBe(16_000);
    expect(((await (await fetch(`${inject('acrcloudUrl')}/__calls`)).json()) as { calls: number }).calls).toBe(1);
    // the setting is remembered
    await page.reload();
    await goTo(page, '/more');
    expect(await page.getByRole('checkbox', { name: SETTING }).isChecked()).toBe(true);
  });

  it('sends no audio when the listener did not allow it (the default)', async () => {
    app = await openApp({ clip: inject('unknownClip') });
    const { page } = app;
    const sent: Request[] = [];
    page.on('request', (r) => carriesAudio(r) && sent.push(r));
    await goTo(page, '/more');
    await page.getByRole('checkbox', { name: SETTING }).waitFor();
    expect(await page.getByRole('checkbox', { name: SETTING }).isChecked()).toBe(false);
    await goTo(page, '/');
    await page.getByRole('button', { name: 'Identify' }).click();
    await page.getByRole('heading', { name: 'No match' }).waitFor({ timeout: 30_000 });
    expect(sent).toEqual([]);
  });
});
