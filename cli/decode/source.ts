// The bytes listen() decodes for a file: its own, or, for the formats that only ffmpeg
// reads here (sniff's `ffmpeg`), the WAV that ffmpeg makes of it.
import { sniff, SNIFF_BYTES } from '../../dsp/src/decode/index';
import { ffmpegWav } from './ffmpeg';

/** One push of a whole file would decode all of it at once: the decoders get it in pieces. */
const PIECE_BYTES = 1 << 20;

export interface AudioSource {
  pieces: AsyncIterable<Uint8Array>;
  /** The file's own format when ffmpeg decodes it (listen() then sees WAV). */
  format?: string;
}

/** `bytes` are the whole file at `path`. */
export function audioSource(path: string, bytes: Uint8Array): AudioSource {
  const kind = sniff(bytes.subarray(0, SNIFF_BYTES));
  if ('ffmpeg' in kind && kind.ffmpeg) return { pieces: ffmpegWav(path, kind.unsupported), format: kind.ffmpeg };
  return { pieces: inPieces(bytes) };
}

async function* inPieces(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let o = 0; o < bytes.length; o += PIECE_BYTES) yield bytes.subarray(o, o + PIECE_BYTES);
}
