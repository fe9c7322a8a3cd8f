import { describe, expect, it } from 'vitest';
import { readTags } from './index';

const enc = new TextEncoder();
const bytes = (...parts: (number[] | Uint8Array | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : [...p])));
const be32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
const syncsafe = (n: number) => [(n >>> 21) & 127, (n >>> 14) & 127, (n >>> 7) & 127, n & 127];

function id3(major: 3 | 4, frames: [string, Uint8Array][]): Uint8Array {
  const body = bytes(...frames.flatMap(([id, data]) => [id, major === 4 ? syncsafe(data.length) : be32(data.length), [0, 0], data]));
  return bytes('ID3', [major, 0, 0], syncsafe(body.length), body, [0xff, 0xfb, 0x90, 0x00]);
}

function vorbisComment(entries: string[]): Uint8Array {
  return bytes(le32(4), 'test', le32(entries.length), ...entries.flatMap((e) => [le32(enc.encode(e).length), e]));
}

/** Ogg pages of one stream; a packet longer than a page continues on the next one. */
function ogg(packets: Uint8Array[], perPage: number): Uint8Array {
  const laced = packets.map((p) => ({ p, lace: [...Array(Math.floor(p.length / 255)).fill(255), p.length % 255] }));
  const segments = laced.flatMap(({ lace }) => lace);
  const data = bytes(...packets);
  const pages: Uint8Array[] = [];
  let o = 0;
  for (let s = 0; s < segments.length; s += perPage) {
    const lace = segments.slice(s, s + perPage);
    const len = lace.reduce((a, b) => a + b, 0);
    pages.push(bytes('OggS', [0, 0], Array(8).fill(0), le32(77), le32(pages.length), le32(0), [lace.length], lace, data.subarray(o, o + len)));
    o += len;
  }
  return bytes(...pages);
}

describe('tags', () => {
  it('reads ID3v2.3 text frames in Latin-1 and UTF-16', () => {
    const utf16 = Uint8Array.from([1, 0xff, 0xfe, ...[...'Björk'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const tag = id3(3, [['TIT2', bytes([0], 'Caf\xe9'.split('').map((c) => c.charCodeAt(0)))], ['TPE1', utf16], ['TSRC', bytes([0], 'USABC1234567')]]);
    expect(readTags(tag, 'mp3')).toEqual({ title: 'Café', artist: 'Björk', isrc: 'USABC1234567' });
  });

  it('reads ID3v2.4 UTF-8 frames with syncsafe sizes, the first of several values', () => {
    const long = 'x'.repeat(200);
    const tag = id3(4, [['TXXX', bytes([3], long)], ['TALB', bytes([3], 'Ålbum\0Second')], ['TIT2', bytes([3], 'Titre été')]]);
    expect(readTags(tag, 'mp3')).toEqual({ album: 'Ålbum', title: 'Titre été' });
  });

  it('reads the FLAC VORBIS_COMMENT block after STREAMINFO', () => {
    const comment = vorbisComment(['title=Song', 'ARTIST=Someone', 'Album=LP', 'ISRC=GB-XYZ-24-00001', 'NOEQUALS']);
    const flac = bytes('fLaC', [0, 0, 0, 34], Array(34).fill(0), [0x84, 0, 0, comment.length], comment);
    expect(readTags(flac, 'flac')).toEqual({ title: 'Song', artist: 'Someone', album: 'LP', isrc: 'GB-XYZ-24-00001' });
  });

  it('reads Ogg Vorbis comments spread over pages, and Opus tags', () => {
    const cover = `METADATA_BLOCK_PICTURE=${'A'.repeat(2000)}`;
    const vorbis = ogg([bytes([1], 'vorbis', Array(23).fill(0)), bytes([3], 'vorbis', vorbisComment(['TITLE=Long One', cover, 'ARTIST=After The Picture']))], 3);
    expect(readTags(vorbis, 'ogg-vorbis')).toEqual({ title: 'Long One', artist: 'After The Picture' });
    const opus = ogg([bytes('OpusHead', Array(11).fill(0)), bytes('OpusTags', vorbisComment(['title=Opus Song']))], 10);
    expect(readTags(opus, 'ogg-opus')).toEqual({ title: 'Opus Song' });
  });

  it('gives nothing rather than failing on files without tags or with broken ones', () => {
    expect(readTags(bytes('ID3', [9, 0, 0], [0, 0, 1, 0]), 'mp3')).toEqual({});
    expect(readTags(bytes('fLaC', [0x84, 0, 0, 200], le32(5)), 'flac')).toEqual({});
    expect(readTags(bytes('OggS', Array(30).fill(0)), 'ogg-vorbis')).toEqual({});
    expect(readTags(bytes('RIFF'), 'wav')).toEqual({});
  });
});
