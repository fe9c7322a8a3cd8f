// The app's colours: AA contrast in both themes, computed from web/src/app.css itself, and
// the theme colours of the manifest and the page agreeing with its backgrounds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast, luminance, themes } from './contrast';

const root = new URL('../../', import.meta.url).pathname;
const css = readFileSync(`${root}web/src/app.css`, 'utf8');
const { light, dark } = themes(css);

/** Text (4.5:1, WCAG 1.4.3) and the edges of controls and focus (3:1, WCAG 1.4.11), over both surfaces. */
const TEXT = ['fg', 'muted', 'accent', 'good', 'warn', 'bad'];
const EDGES = ['field', 'accent'];

describe('contrast (WCAG AA)', () => {
  it('follows the definition', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(luminance('#ffffff')).toBe(1);
  });

  for (const [name, t] of Object.entries({ light, dark })) {
    it(`${name}: text 4.5:1 and control edges 3:1 on the page and on cards`, () => {
      const ratios: Record<string, number> = {};
      for (const surface of ['bg', 'card']) {
        for (const fg of TEXT) ratios[`${fg}/${surface}`] = contrast(t[fg], t[surface]);
        for (const e of EDGES) ratios[`${e} edge/${surface}`] = contrast(t[e], t[surface]);
      }
      ratios['accent-fg/accent'] = contrast(t['accent-fg'], t.accent);
      // the snackbar: the page's colours swapped
      ratios['bg/fg'] = contrast(t.bg, t.fg);
      for (const [pair, r] of Object.entries(ratios)) expect(r, pair).toBeGreaterThanOrEqual(pair.includes('edge') ? 3 : 4.5);
    });
  }
});

describe('theme colours', () => {
  it('agree between the manifest, the page and the stylesheet', () => {
    const manifest = JSON.parse(readFileSync(`${root}public/manifest.webmanifest`, 'utf8')) as { theme_color: string; background_color: string };
    const html = readFileSync(`${root}web/index.html`, 'utf8');
    const meta = (scheme: string) => new RegExp(`name="theme-color" content="(#[0-9a-f]{6})" media="\\(prefers-color-scheme: ${scheme}\\)"`, 'i').exec(html)?.[1];
    expect(meta('light')).toBe(light.bg);
    expect(meta('dark')).toBe(dark.bg);
    // the manifest has one colour: the light theme's, which the page's own metas then refine
    expect(manifest.theme_color).toBe(light.bg);
    expect(manifest.background_color).toBe(light.bg);
  });
});
