import { describe, expect, it } from 'vitest';
import { hueOf, initials } from './placeholder';

describe('placeholder cover', () => {
  it('takes the first letters of the first two words', () => {
    expect(initials('glass harbor lights')).toBe('GH');
    expect(initials('Été')).toBe('É');
    expect(initials('  (live) at 9 ')).toBe('LA');
  });
  it('shows a note when the title has no letter', () => {
    expect(initials('...')).toBe('♪');
    expect(initials('')).toBe('♪');
  });
  it('gives a title the same hue every time, different titles mostly different ones', () => {
    expect(hueOf('Glass Harbor')).toBe(hueOf('Glass Harbor'));
    const hues = new Set(['Glass Harbor', 'Transience', 'Standin Song', 'Night Drive', 'Paper Moon'].map(hueOf));
    expect(hues.size).toBeGreaterThan(3);
    for (const h of hues) expect(h >= 0 && h < 360).toBe(true);
  });
});
