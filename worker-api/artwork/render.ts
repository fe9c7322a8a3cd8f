// An upload checked and turned into the sizes GET serves: signature, header edges, then a
// full decode (a picture whose data is broken is refused here, not served broken later).
import { ARTWORK_SIZES, type ArtworkSize, type ArtworkUploadType } from '../../common/artwork';
import { ARTWORK_MAX_EDGE, ARTWORK_MIN_EDGE } from '../../common/limits';
import { ApiError } from '../errors';
import { decode, encodeJpeg, type Pixels } from './codec';
import { squareResize } from './resize';
import { type Header, readHeader } from './sniff';

/** mozjpeg at 80: no visible loss on cover art at these sizes, 600 px in ~40-70 KB. */
const JPEG_QUALITY = 80;

const invalid = (message: string) => new ApiError(422, 'invalid_image', message);
const NAMES: Record<ArtworkUploadType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };

/** The upload's header, when it is a picture of the declared type within the edge limits. */
export function checkHeader(bytes: Uint8Array, declared: string): Header {
  const h = readHeader(bytes);
  if (!h) throw invalid('the body is not a readable JPEG, PNG or WebP picture');
  if (h.type !== declared) throw invalid(`the body is a ${NAMES[h.type]} picture, but Content-Type says ${declared}`);
  const small = Math.min(h.width, h.height);
  const large = Math.max(h.width, h.height);
  if (small < ARTWORK_MIN_EDGE || large > ARTWORK_MAX_EDGE) {
    throw invalid(`the picture is ${h.width} × ${h.height}; each edge must be ${ARTWORK_MIN_EDGE} to ${ARTWORK_MAX_EDGE} pixels`);
  }
  return h;
}

/** Every served size as JPEG bytes. */
export async function renderSizes(bytes: Uint8Array, header: Header): Promise<Map<ArtworkSize, Uint8Array>> {
  let pixels;
  try {
    pixels = await decode(bytes, header.type);
  } catch (err) {
    throw invalid(`the ${NAMES[header.type]} picture cannot be decoded (${err instanceof Error ? err.message : err})`);
  }
  if (pixels.width !== header.width || pixels.height !== header.height) {
    throw invalid(`the picture decodes to ${pixels.width} × ${pixels.height}, not the ${header.width} × ${header.height} its header says`);
  }
  const out = new Map<ArtworkSize, Uint8Array>();
  // largest first, each smaller size from the last one shrunk (a 2-3x step, as good as from
  // the original and a fraction of the work); never from one enlarged from a small picture
  let from: Pixels = pixels;
  for (const size of [...ARTWORK_SIZES].sort((a, b) => b - a)) {
    const square = squareResize(from, size);
    out.set(size, await encodeJpeg(square, JPEG_QUALITY));
    if (Math.min(from.width, from.height) > size) from = square;
  }
  return out;
}

/** The version of a picture: SHA-256 of its bytes, 32 hex digits. */
export async function versionOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
