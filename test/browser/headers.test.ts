// The app under its own security headers: the Content-Security-Policy and the rest that
// public/_headers gives every page, with the app doing everything it does (listening,
// the engine's WebAssembly in its worker, the API, the dashboard's WebSocket) and the
// browser reporting no violation.
import { describe, expect, inject, it } from 'vitest';
import { appPerTest, type OpenApp } from './app';
import { CLIP_TRACK } from './server';

const apps = appPerTest(() => inject('baseUrl'), () => inject('artifacts'));
let app: OpenApp;

/** Violations the page reports, gathered from before its first script runs. */
const WATCH = () => {
  (window as unknown as { violations: string[] }).violations = [];
  document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
};

describe('security headers', () => {
  it('serves the pages with the policy, and the app identifies and the dashboard goes live under it', async () => {
    const res = await fetch(inject('baseUrl'));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('permissions-policy')).toContain('microphone=(self)');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    const asset = /\/assets\/[\w.-]+\.js/.exec(html)![0];
    expect((await fetch(new URL(asset, inject('baseUrl')))).headers.get('cache-control')).toContain('immutable');

    app = await apps.open({ clip: inject('catalogClip') });
    const { page } = app;
    await page.addInitScript(WATCH);
    await page.reload();
    await page.getByRole('button', { name: 'Identify' }).click();
    await page.getByRole('heading', { level: 2, name: CLIP_TRACK.title }).waitFor({ timeout: 20_000 });
    // a station, so that the dashboard opens its live feed (a WebSocket)
    const admin = { authorization: `Bearer ${inject('adminToken')}`, 'content-type': 'application/json' };
    const station = (await (await fetch(new URL('/api/v1/stations', inject('baseUrl')), { method: 'POST', headers: admin, body: JSON.stringify({ name: 'CSP FM', url: 'https://radio.example/live.mp3' }) })).json()) as { id: string };
    try {
      await fetch(new URL(`/api/v1/stations/${station.id}/pause`, inject('baseUrl')), { method: 'POST', headers: admin });
      await page.goto(new URL('/stations', inject('baseUrl')).href);
      await page.getByRole('heading', { name: 'Radio monitor' }).waitFor();
      await page.getByText('CSP FM').first().waitFor();
      await page.getByText('Live', { exact: true }).waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    } finally {
      await fetch(new URL(`/api/v1/stations/${station.id}`, inject('baseUrl')), { method: 'DELETE', headers: admin });
    }
  });
});
