// ID3v2.2/2.3/2.4 text frames at the start of an MP3 (or any file that carries them).
// Only the four frames the catalog needs; unsynchronised tags are rare and not undone.
import type { Tags } from './types';

const FRAMES: Record<string, keyof Tags> = {
  TIT2: 'title', TPE1: 'artist', TALB: 'album', TSRC: 'isrc',
  TT2: 'title', TP1: 'artist', TAL: 'album', TRC: 'isrc',
};

const syncsafe = (b: Uint8Array, o: number) => (b[o] << 21) | (b[o + 1] << 14) | (b[o + 2] << 7) | b[o + 3];
const be32 = (b: Uint8Array, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

function text(b: Uint8Array): string {
  const body = b.subarray(1);
  const decoded = (() => {
    switch (b[0]) {
      case 0: return new TextDecoder('latin1').decode(body);
      case 1: return new TextDecoder('utf-16').decode(body); // BOM picks the byte order
      case 2: return new TextDecoder('utf-16be').decode(body);
      default: return new TextDecoder('utf-8').decode(body);
    }
  })();
  // v2.4 separates multiple values with NUL: the first one names the track
  return decoded.split('\0')[0].trim();
}

export function readId3(b: Uint8Array): Tags {
  const tags: Tags = {};
  if (b.length < 10 || b[0] !== 0x49 || b[1] !== 0x44 || b[2] !== 0x33) return tags;
  const major = b[3];
  if (major < 2 || major > 4) return tags;
  const end = Math.min(b.length, 10 + syncsafe(b, 6));
  let o = 10;
  if (major >= 3 && b[5] & 0x40) o += major === 4 ? syncsafe(b, o) : be32(b, o) + 4;
  const idLen = major === 2 ? 3 : 4;
  const headLen = major === 2 ? 6 : 10;
  while (o + headLen <= end && b[o] !== 0) {
    const id = String.fromCharCode(...b.subarray(o, o + idLen));
    const size = major === 2 ? (b[o + 3] << 16) | (b[o + 4] << 8) | b[o + 5] : major === 4 ? syncsafe(b, o + 4) : be32(b, o + 4);
    const body = b.subarray(o + headLen, Math.min(end, o + headLen + size));
    const field = FRAMES[id];
    if (field && body.length > 1 && !tags[field]) {
      const value = text(body);
      if (value) tags[field] = value;
    }
    o += headLen + size;
  }
  return tags;
}
