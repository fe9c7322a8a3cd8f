// Vorbis comments (TITLE=…, ARTIST=…) as Ogg Vorbis, Ogg Opus and FLAC carry them.
import { concatBytes } from '../../dsp/src/bytes';
import type { Tags } from './types';

const FIELDS: Record<string, keyof Tags> = { TITLE: 'title', ARTIST: 'artist', ALBUM: 'album', ISRC: 'isrc' };
const le32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const utf8 = new TextDecoder('utf-8');

/** A comment block from its vendor-length field; a truncated block gives what it holds. */
export function parseVorbisComment(b: Uint8Array): Tags {
  const tags: Tags = {};
  if (b.length < 8) return tags;
  let o = 4 + le32(b, 0);
  if (o + 4 > b.length) return tags;
  const count = le32(b, o);
  o += 4;
  for (let i = 0; i < count && o + 4 <= b.length; i++) {
    const len = le32(b, o);
    o += 4;
    if (o + len > b.length) break;
    const entry = utf8.decode(b.subarray(o, o + len));
    o += len;
    const eq = entry.indexOf('=');
    const field = FIELDS[entry.slice(0, eq).toUpperCase()];
    const value = entry.slice(eq + 1).trim();
    if (eq > 0 && field && value && !tags[field]) tags[field] = value;
  }
  return tags;
}

/** FLAC: the VORBIS_COMMENT metadata block (type 4). */
export function readFlacTags(b: Uint8Array): Tags {
  let o = 4;
  while (o + 4 <= b.length) {
    const last = b[o] & 0x80;
    const type = b[o] & 0x7f;
    const len = (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3];
    if (type === 4) return parseVorbisComment(b.subarray(o + 4, o + 4 + len));
    if (last) break;
    o += 4 + len;
  }
  return {};
}

/** The second packet of the first logical stream of an Ogg file (its comment header). */
function secondOggPacket(b: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let packet = 0;
  let serial: number | null = null;
  let o = 0;
  while (o + 27 <= b.length && b[o] === 0x4f && b[o + 1] === 0x67 && b[o + 2] === 0x67 && b[o + 3] === 0x53) {
    const pageSerial = le32(b, o + 14);
    const segments = b[o + 26];
    let data = o + 27 + segments;
    serial ??= pageSerial;
    for (let s = 0; s < segments; s++) {
      const lace = b[o + 27 + s];
      if (pageSerial === serial && packet === 1) parts.push(b.subarray(data, Math.min(b.length, data + lace)));
      data += lace;
      if (pageSerial === serial && lace < 255 && ++packet === 2) return concatBytes(parts);
    }
    o = data;
  }
  return parts.length > 0 ? concatBytes(parts) : null;
}

/** Ogg Vorbis ("\x03vorbis" + comment) or Ogg Opus ("OpusTags" + comment). */
export function readOggTags(b: Uint8Array): Tags {
  const p = secondOggPacket(b);
  if (!p) return {};
  const magic = String.fromCharCode(...p.subarray(0, 8));
  if (magic === 'OpusTags') return parseVorbisComment(p.subarray(8));
  if (p[0] === 3 && magic.slice(1, 7) === 'vorbis') return parseVorbisComment(p.subarray(7));
  return {};
}
