import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage';
import { parseCsv, parseManifest } from './manifest';

describe('manifest', () => {
  it('parses RFC 4180 CSV: quotes, doubled quotes, commas and newlines in cells, CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",\n\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
  });

  it('keys CSV rows by absolute path, relative to the manifest, empty cells not overriding', () => {
    const m = parseManifest('\uFEFFPath,External_ID,title,artist,album,isrc\nmusic/a.ogg,A-1,"Title, with comma",,Album,usabc1234567\n/abs/b.mp3,B-2,,,,\n', '/lib/catalog.csv');
    expect([...m.keys()]).toEqual(['/lib/music/a.ogg', '/abs/b.mp3']);
    expect(m.get('/lib/music/a.ogg')).toEqual({ external_id: 'A-1', title: 'Title, with comma', album: 'Album', isrc: 'usabc1234567' });
    expect(m.get('/abs/b.mp3')).toEqual({ external_id: 'B-2' });
  });

  it('reads JSON arrays of objects', () => {
    const m = parseManifest(JSON.stringify([{ path: 'x.wav', title: 'X', external_id: 42 }]), '/data/m.json');
    expect(m.get('/data/x.wav')).toEqual({ title: 'X', external_id: '42' });
  });

  it('refuses what it cannot read as a usage error that says where', () => {
    const bad: [string, string, RegExp][] = [
      ['title,artist\nA,B\n', 'm.csv', /'path' column/],
      ['path,genre\na.wav,rock\n', 'm.csv', /unknown column\(s\) genre/],
      ['path,title\na.wav,A,extra\n', 'm.csv', /row 2 has 3 cells/],
      ['path,title\n"a.wav,A\n', 'm.csv', /not closed/],
      ['{"path": "a.wav"}', 'm.json', /JSON array/],
      ['[{"title": "A"}]', 'm.json', /entry 1 has no path/],
      ['[{"path": "a", "title": {"x": 1}}]', 'm.json', /title must be text/],
      ['[', 'm.json', /not valid JSON/],
    ];
    for (const [text, file, message] of bad) {
      expect(() => parseManifest(text, file)).toThrow(UsageError);
      expect(() => parseManifest(text, file)).toThrow(message);
    }
  });
});
