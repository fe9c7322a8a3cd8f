import { describe, expect, it } from 'vitest';
import { pickLang } from './index';

describe('pickLang', () => {
  it('takes the first language we speak, region ignored', () => {
    expect(pickLang(['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLang(['EN-gb'])).toBe('en');
  });
  it('falls back to English', () => {
    expect(pickLang(['de', undefined, null, ''])).toBe('en');
    expect(pickLang([])).toBe('en');
  });
});
