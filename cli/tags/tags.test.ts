import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../dsp/src/decode/index';
import { synthSong } from '../../dsp/testing/index';
import { readTags } from './index';

const dir = mkdtempSync(join(tmpdir(), 'earshot-tags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = join(dir, 'source.wav');
writeFileSync(source, encodeWav({ sampleRate: 22050, channels: [synthSong(5, 2, 22050)] }));

const TAGS = { title: 'Ça va', artist: 'Björk & Co', album: 'Über Alles', isrc: 'GBXYZ2400001' };
const metadata = (t: Record<string, string>) => Object.entries(t).flatMap(([k, v]) => ['-metadata', `${k}=${v}`]);

/** The source encoded by ffmpeg into `name` with `args`. */
function ffmpeg(name: string, ...args: string[]): Uint8Array {
  const out = join(dir, name);
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', source, ...args, out]);
  return new Uint8Array(readFileSync(out));
}

/** An MP3 with no tag at all, for tags added by hand. */
const bareMp3 = () => ffmpeg('bare.mp3', '-id3v2_version', '0');

const enc = new TextEncoder();
const cat = (...parts: (number[] | Uint8Array | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : [...p])));
const be32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
const syncsafe = (n: number) => [(n >>> 21) & 127, (n >>> 14) & 127, (n >>> 7) & 127, n & 127];
const latin1 = (s: string, width: number) => [...s].map((c) => c.charCodeAt(0)).concat(Array(width).fill(0)).slice(0, width);

/** An ID3v2.3 tag of text frames, each body given with its encoding byte. */
function id3v23(frames: [string, number[]][]): Uint8Array {
  const body = cat(...frames.flatMap(([id, data]) => [id, be32(data.length), [0, 0], data]));
  return cat('ID3', [3, 0, 0], syncsafe(body.length), body);
}

describe('readTags', () => {
  it('reads ID3v2.3 text in UTF-16 of either byte order and in Latin-1', async () => {
    const utf16be = (s: string) => [1, 0xfe, 0xff, ...[...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 255])];
    const utf16le = (s: string) => [1, 0xff, 0xfe, ...[...s].flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8])];
    const tag = id3v23([['TIT2', utf16be('Ça va ♪')], ['TPE1', utf16le('Björk')], ['TALB', [0, ...latin1('Café', 4)]], ['TSRC', [0, ...latin1('USABC1234567', 12)]]]);
    expect(await readTags(cat(tag, bareMp3()))).toEqual({ title: 'Ça va ♪', artist: 'Björk', album: 'Café', isrc: 'USABC1234567' });
  });

  it('reads an ID3v1 tag alone at the end of an MP3, and an APE tag', async () => {
    const v1 = cat('TAG', latin1('Old Café', 30), latin1('Old Band', 30), cat('Ålbum in UTF-8', Array(30)).subarray(0, 30), '1999', Array(30).fill(0), [255]);
    expect(await readTags(cat(bareMp3(), v1))).toEqual({ title: 'Old Café', artist: 'Old Band', album: 'Ålbum in UTF-8', year: 1999 });
    const items = [['Title', 'Ape Song'], ['Artist', 'Ape Band'], ['ISRC', 'USAPE2400001']].map(([k, v]) => cat(le32(enc.encode(v).length), le32(0), k, [0], v));
    const body = cat(...items);
    const footer = cat('APETAGEX', le32(2000), le32(body.length + 32), le32(items.length), le32(0), Array(8).fill(0));
    expect(await readTags(cat(bareMp3(), body, footer))).toEqual({ title: 'Ape Song', artist: 'Ape Band', isrc: 'USAPE2400001' });
  });

  it('reads the tags ffmpeg writes into MP3, M4A, FLAC, Ogg Vorbis, Opus and AIFF', async () => {
    const files: [string, string[], typeof TAGS | Omit<typeof TAGS, 'isrc'>][] = [
      ['tagged.mp3', ['-id3v2_version', '3'], TAGS],
      // ffmpeg writes no ISRC atom into MP4
      ['tagged.m4a', ['-c:a', 'aac'], { title: TAGS.title, artist: TAGS.artist, album: TAGS.album }],
      ['tagged.flac', [], TAGS],
      ['tagged.ogg', ['-c:a', 'libvorbis'], TAGS],
      ['tagged.opus', [], TAGS],
      ['tagged.aiff', ['-write_id3v2', '1'], TAGS],
    ];
    for (const [name, args, want] of files) expect(await readTags(ffmpeg(name, ...metadata(TAGS), ...args)), name).toEqual(want);
  });

  it('reads RIFF INFO in a WAV file, in UTF-8 as ffmpeg writes it (its ISRC chunk is a source, not a recording code)', async () => {
    expect(await readTags(ffmpeg('tagged.wav', ...metadata(TAGS)))).toEqual({ title: TAGS.title, artist: TAGS.artist, album: TAGS.album });
  });

  it('gives the front cover only when asked', async () => {
    const png = join(dir, 'cover.png');
    execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:size=8x8', '-frames:v', '1', png]);
    const mp3 = ffmpeg('cover.mp3', '-i', png, '-map', '0', '-map', '1', '-c:v', 'copy', '-id3v2_version', '3', '-metadata:s:v', 'comment=Cover (front)', ...metadata({ title: 'Covered' }));
    expect(await readTags(mp3)).toEqual({ title: 'Covered' });
    const { cover } = await readTags(mp3, { cover: true });
    expect(cover?.mime).toBe('image/png');
    expect(cover?.data).toEqual(new Uint8Array(readFileSync(png)));
  });

  it('reads the release year from a year or a date tag, and drops one the catalog would refuse', async () => {
    const cases: [string, string[], Record<string, string>, number | undefined][] = [
      ['year.mp3', ['-id3v2_version', '3'], { date: '1987' }, 1987],
      ['date.mp3', ['-id3v2_version', '4'], { date: '2004-05-01' }, 2004],
      ['date.flac', [], { date: '1999-12-31' }, 1999],
      ['date.ogg', ['-c:a', 'libvorbis'], { date: '2011' }, 2011],
      ['early.flac', [], { date: '0999' }, undefined],
      ['words.flac', [], { date: 'sometime in 1970s' }, undefined],
    ];
    for (const [name, args, tag, want] of cases) expect((await readTags(ffmpeg(name, ...metadata({ title: 'Dated', ...tag }), ...args))).year, name).toBe(want);
  });

  it('picks the front cover among the pictures a file carries (a JPEG after a back cover)', async () => {
    const picture = (name: string, color: string) => {
      const path = join(dir, name);
      execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${color}:size=64x64`, '-frames:v', '1', path]);
      return path;
    };
    const back = picture('back.png', 'blue');
    const front = picture('front.jpg', 'yellow');
    const mp3 = ffmpeg(
      'two-pictures.mp3',
      ...['-i', back, '-i', front, '-map', '0', '-map', '1', '-map', '2', '-c:v', 'copy', '-id3v2_version', '3'],
      ...['-metadata:s:v:0', 'comment=Cover (back)', '-metadata:s:v:1', 'comment=Cover (front)'],
      ...metadata({ title: 'Two Pictures', date: '2020' }),
    );
    const tags = await readTags(mp3, { cover: true });
    expect(tags).toMatchObject({ title: 'Two Pictures', year: 2020 });
    expect(tags.cover?.mime).toBe('image/jpeg');
    expect(tags.cover?.data).toEqual(new Uint8Array(readFileSync(front)));
  });

  it('gives nothing rather than failing on files without tags, damaged tags and non-audio', async () => {
    expect(await readTags(new Uint8Array(readFileSync(source)))).toEqual({});
    expect(await readTags(bareMp3())).toEqual({});
    const frameTooLong = cat('ID3', [3, 0, 0], syncsafe(20), 'TIT2', be32(0x7fffffff), [0, 0], [0, 65, 66], Array(7).fill(0));
    await expect(readTags(cat(frameTooLong, bareMp3()))).resolves.toBeTypeOf('object');
    const badEncoding = id3v23([['TIT2', [9, 0xff, 0xfe, 0xd8, 0x00]], ['TPE1', [0, ...latin1('Still Here', 10)]]]);
    expect(await readTags(cat(badEncoding, bareMp3()))).toMatchObject({ artist: 'Still Here' });
    expect(await readTags(cat('fLaC', [0x84, 0, 0, 200], le32(5)))).toEqual({});
    expect(await readTags(enc.encode('<html>not audio</html>'))).toEqual({});
    expect(await readTags(new Uint8Array(0))).toEqual({});
  });
});
