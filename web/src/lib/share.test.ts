import { describe, expect, it } from 'vitest';
import { copyText, shareUrl, songLine } from './share';

describe('share', () => {
  it('says the song in one line', () => {
    expect(songLine({ title: 'Glass Harbor', artist: 'The Tides' })).toBe('Glass Harbor — The Tides');
    expect(songLine({ title: 'Glass Harbor', artist: null })).toBe('Glass Harbor');
  });
  it('links the shared page on this origin, only with a token', () => {
    expect(shareUrl('https://earshot.example', 'abc/1')).toBe('https://earshot.example/r/abc%2F1');
    expect(shareUrl('https://earshot.example', null)).toBeNull();
  });
  it('copies the line and the link on lines of their own', () => {
    expect(copyText({ title: 'A', artist: 'B' }, 'https://x/r/t')).toBe('A — B\nhttps://x/r/t');
    expect(copyText({ title: 'A', artist: 'B' }, null)).toBe('A — B');
  });
});
