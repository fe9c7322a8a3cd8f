import { describe, expect, it } from 'vitest';
import { listenLinks, searchTerms, sharePath } from './links';

describe('listen links', () => {
  it('searches each service for title and artist, encoded', () => {
    const links = listenLinks({ title: 'Déjà vu & co', artist: 'A/B' });
    expect(links.map((l) => l.service)).toEqual(['spotify', 'apple', 'youtube', 'web']);
    for (const l of links) {
      expect(l.url.startsWith('https://')).toBe(true);
      expect(l.url).toContain(encodeURIComponent('Déjà vu & co A/B'));
      expect(l.url).not.toContain(' ');
    }
  });
  it('leaves a missing artist out of the terms', () => {
    expect(searchTerms({ title: 'Solo', artist: null })).toBe('Solo');
  });
  it('keeps a token inside its path segment', () => {
    expect(sharePath('a/b?c')).toBe('/r/a%2Fb%3Fc');
  });
});
