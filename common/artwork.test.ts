import { describe, expect, it } from 'vitest';
import { ARTWORK_SIZES, artworkPath, initials, placeholderColour, placeholderSvg } from './artwork';

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('placeholder', () => {
  it('takes the first letter of the first two words, any script, and a note when there is none', () => {
    expect(initials('Copper Lanterns')).toBe('CL');
    expect(initials('  night   ferry (live)')).toBe('NF');
    expect(initials('Éclair')).toBe('É');
    expect(initials('E\u0301te\u0301 indien')).toBe('ÉI');
    expect(initials('99 Luftballons')).toBe('9L');
    expect(initials('東京 タワー')).toBe('東タ');
    expect(initials("'(...)' -- !!")).toBe('♪');
    expect(initials('')).toBe('♪');
  });

  it('derives one colour per title, dark enough for white letters at every hue', () => {
    expect(placeholderColour('Night Ferry')).toBe(placeholderColour('Night Ferry'));
    const colours = new Set(['a', 'b', 'c', 'Night Ferry', 'Slow Orbit', 'Paper Satellites'].map(placeholderColour));
    expect(colours.size).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < 2000; i++) {
      const c = placeholderColour(`title ${i}`);
      expect(c).toMatch(/^#[0-9a-f]{6}$/);
      expect(1.05 / (luminance(c) + 0.05), c).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('escapes the title and is the same bytes for the same title and size', () => {
    const svg = placeholderSvg(`<b>&"'`, 96);
    expect(svg).toContain('aria-label="&lt;b&gt;&amp;&quot;&apos;"');
    expect(svg).not.toMatch(/<b>/);
    expect(svg).toContain('width="96" height="96"');
    expect(placeholderSvg('x', 300)).toBe(placeholderSvg('x', 300));
    expect(placeholderSvg('x', 300)).not.toBe(placeholderSvg('y', 300));
  });

  it('has one path per track and size', () => {
    expect(ARTWORK_SIZES.map((s) => artworkPath(7, s))).toEqual(['/api/v1/tracks/7/artwork?size=96', '/api/v1/tracks/7/artwork?size=300', '/api/v1/tracks/7/artwork?size=600']);
  });
});
