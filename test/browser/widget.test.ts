// The partner widget on pages of other origins (other ports), in Chromium with a fake
// microphone, against the real API: a valid key names the song; a foreign origin, a revoked
// key and a key over its rate each fire earshot:error with their code, counted in usage.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KeyUsage, PartnerKeyIssued } from '../../common/api-types';
import { partnerPage, servePartner } from '../../scripts/partner/page.mjs';
import { openApp, type OpenApp } from './app';
import { CLIP_TRACK } from './server';

type Served = Awaited<ReturnType<typeof servePartner>>;
type EarshotEvent = { type: string; detail: { code?: string; track?: { title: string }; confidence?: number; source?: string } };

let app: OpenApp | undefined;
let partner: Served;
let stranger: Served;
const admin = () => ({ authorization: `Bearer ${inject('adminToken')}`, 'content-type': 'application/json' });

async function issue(body: Record<string, unknown>): Promise<PartnerKeyIssued> {
  const res = await fetch(`${inject('baseUrl')}/api/v1/keys`, { method: 'POST', headers: admin(), body: JSON.stringify({ name: 'Radio Example', origins: [partner.url], ...body }) });
  expect(res.status).toBe(201);
  return (await res.json()) as PartnerKeyIssued;
}
const usage = async (id: string) => ((await (await fetch(`${inject('baseUrl')}/api/v1/keys/${id}/usage?days=1`, { headers: admin() })).json()) as KeyUsage).days[0];
const events = (page: Page) => page.evaluate(() => (window as unknown as { earshotEvents: EarshotEvent[] }).earshotEvents);

async function openPartner(site: Served, key: string, attrs: Record<string, string> = {}, clip = inject('catalogClip')): Promise<Page> {
  const query = new URLSearchParams({ key, ...attrs });
  app = await openApp(`${site.url}/?${query}`, { clip, artifacts: inject('artifacts') });
  await app.page.locator('earshot-recognizer').getByRole('button').first().waitFor();
  return app.page;
}

async function firstEvent(page: Page, type: string): Promise<EarshotEvent> {
  await expect.poll(async () => (await events(page)).some((e) => e.type === type), { timeout: 30_000 }).toBe(true);
  return (await events(page)).find((e) => e.type === type)!;
}

beforeAll(async () => {
  const render = (url: URL) => {
    const { key, ...attrs } = Object.fromEntries(url.searchParams);
    return partnerPage(inject('baseUrl'), key ?? '', attrs);
  };
  [partner, stranger] = await Promise.all([servePartner(0, render), servePartner(0, render)]);
});
afterAll(async () => {
  await Promise.all([partner?.close(), stranger?.close()]);
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await app?.shot(`failed-${task.name.replace(/\W+/g, '-')}`);
  await app?.close();
  app = undefined;
});

describe('<earshot-recognizer> on a partner page', () => {
  it('names the song with a valid key and fires earshot:match', async () => {
    const k = await issue({});
    const page = await openPartner(partner, k.key);
    await page.getByRole('button', { name: 'Identify' }).click();
    const match = await firstEvent(page, 'earshot:match');
    expect(match.detail.track?.title).toBe(CLIP_TRACK.title);
    expect(match.detail.confidence).toBeGreaterThan(0.99);
    await page.locator('earshot-recognizer').getByText(CLIP_TRACK.title).waitFor();
    await app!.shot('10-widget-match');
    expect((await events(page)).filter((e) => e.type === 'earshot:error')).toEqual([]);
    expect(await usage(k.id)).toMatchObject({ matches: 1, refusals: 0 });
  });

  it('asks the fallback identifier about a song the catalog lacks when its key allows audio', async () => {
    await fetch(`${inject('acrcloudUrl')}/__script`, { method: 'POST', body: '[]' });
    const k = await issue({ allow_audio: true });
    const page = await openPartner(partner, k.key, {}, inject('unknownClip'));
    await page.getByRole('button', { name: 'Identify' }).click();
    const match = await firstEvent(page, 'earshot:match');
    expect(match.detail).toMatchObject({ track: { title: 'Standin Song' }, source: 'acrcloud' });
  });

  it('speaks the language and theme it is given', async () => {
    const k = await issue({});
    const page = await openPartner(partner, k.key, { lang: 'fr', theme: 'dark', size: 'compact' });
    await page.getByRole('button', { name: 'Identifier' }).waitFor();
    expect(await page.locator('earshot-recognizer').getAttribute('theme')).toBe('dark');
    await app!.shot('11-widget-fr-dark');
  });

  it('fires origin_not_allowed on a site the key does not list, and counts the refusal', async () => {
    const k = await issue({});
    const page = await openPartner(stranger, k.key);
    await page.getByRole('button', { name: 'Identify' }).click();
    expect((await firstEvent(page, 'earshot:error')).detail.code).toBe('origin_not_allowed');
    await page.locator('earshot-recognizer').getByText('not set up for this site').waitFor();
    expect(await usage(k.id)).toMatchObject({ requests: 0, refusals: 1 });
  });

  it('fires key_invalid for a revoked key', async () => {
    const k = await issue({});
    expect((await fetch(`${inject('baseUrl')}/api/v1/keys/${k.id}`, { method: 'DELETE', headers: admin() })).status).toBe(200);
    const page = await openPartner(partner, k.key);
    await page.getByRole('button', { name: 'Identify' }).click();
    expect((await firstEvent(page, 'earshot:error')).detail.code).toBe('key_invalid');
  });

  it('fires rate_limited past the key’s rate, and counts the refusal', async () => {
    const k = await issue({ rate_limit_per_min: 1 });
    // a song the catalog lacks: the app keeps asking, so the second question comes
    const page = await openPartner(partner, k.key, {}, inject('unknownClip'));
    await page.getByRole('button', { name: 'Identify' }).click();
    // the first question is let in, the next (a second later) is over the key's rate
    expect((await firstEvent(page, 'earshot:error')).detail.code).toBe('rate_limited');
    const u = await usage(k.id);
    expect(u.requests).toBe(1);
    expect(u.refusals).toBeGreaterThanOrEqual(1);
  });
});
