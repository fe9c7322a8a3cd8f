// What an uploaded picture is and how large, from its first bytes alone: the type by its
// signature, the edges from its header. Checked before any decoding, so a small file that
// claims 30000 × 30000 pixels (gigabytes once decoded) is refused without being decoded.
import type { ArtworkUploadType } from '../../common/artwork';

export interface Header {
  type: ArtworkUploadType;
  width: number;
  height: number;
}

const be16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const le16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const le24 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const ascii = (b: Uint8Array, i: number, s: string) => [...s].every((c, k) => b[i + k] === c.charCodeAt(0));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The type its signature says, or null for anything else. */
export function sniffType(b: Uint8Array): ArtworkUploadType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && PNG_SIGNATURE.every((x, i) => b[i] === x)) return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  return null;
}

/** Where the last end-of-image marker starts, -1 without one. */
function lastEoi(b: Uint8Array): number {
  for (let i = b.length - 2; i >= 0; i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return i;
  return -1;
}

/**
 * JPEG: the first start-of-frame segment (any SOF but DHT, JPG and DAC, which share its
 * range), and an end-of-image after it: libjpeg decodes a cut file with a warning, grey below the cut.
 */
function jpegSize(b: Uint8Array): [number, number] | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // no length
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return lastEoi(b) > i ? [be16(b, i + 7), be16(b, i + 5)] : null;
    if (marker === 0xd9 || marker === 0xda) return null; // image data before any frame header
    i += 2 + be16(b, i + 2);
  }
  return null;
}

function pngSize(b: Uint8Array): [number, number] | null {
  if (b.length < 24 || !ascii(b, 12, 'IHDR')) return null;
  const u32 = (i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
  return [u32(16), u32(20)];
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X, its canvas). */
function webpSize(b: Uint8Array): [number, number] | null {
  if (b.length < 30) return null;
  if (ascii(b, 12, 'VP8 ') && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return [le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff];
  if (ascii(b, 12, 'VP8L') && b[20] === 0x2f) {
    const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (ascii(b, 12, 'VP8X')) return [le24(b, 24) + 1, le24(b, 27) + 1];
  return null;
}

/** Type and edges, or null when the bytes are none of the three or their header is broken. */
export function readHeader(b: Uint8Array): Header | null {
  const type = sniffType(b);
  if (!type) return null;
  const size = type === 'image/jpeg' ? jpegSize(b) : type === 'image/png' ? pngSize(b) : webpSize(b);
  if (!size || size[0] === 0 || size[1] === 0) return null;
  return { type, width: size[0], height: size[1] };
}
