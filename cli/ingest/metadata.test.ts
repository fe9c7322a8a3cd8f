import { describe, expect, it } from 'vitest';
import { trackFields } from './metadata';

describe('track fields', () => {
  it('takes the manifest over tags over the file name', () => {
    const tags = { title: 'Tag Title', artist: 'Tag Artist', album: 'Tag Album', isrc: 'us-abc-12-34567', year: 1994 };
    expect(trackFields('/m/01 song.flac', tags, { title: 'Manifest Title', external_id: 'cat-1' })).toEqual({
      title: 'Manifest Title', artist: 'Tag Artist', album: 'Tag Album', isrc: 'USABC1234567', external_id: 'cat-1', year: 1994,
    });
    expect(trackFields('/m/01 song.flac', {}, undefined)).toEqual({ title: '01 song', artist: null, album: null, isrc: null, external_id: null, year: null });
  });

  it("drops a tag's malformed ISRC but sends a manifest's as written, for the API to refuse", () => {
    expect(trackFields('/a.mp3', { isrc: 'not an isrc' }, undefined).isrc).toBeNull();
    expect(trackFields('/a.mp3', {}, { isrc: 'BAD-ISRC' }).isrc).toBe('BAD-ISRC');
    expect(trackFields('/a.mp3', {}, { isrc: 'gb-xyz-24-00001' }).isrc).toBe('GBXYZ2400001');
  });

  it('cuts text to the API limit of 500 characters', () => {
    expect(trackFields('/a.mp3', { title: 'x'.repeat(600) }, undefined).title).toHaveLength(500);
  });
});
