// Container/codec detection from the first bytes: file names and MIME types lie.
import type { AudioFormat } from './types';
import { sniffDocType } from './webm/ebml';

function ascii(b: Uint8Array, at: number, len: number): string {
  return String.fromCharCode(...b.subarray(at, at + len));
}

function indexOfAscii(b: Uint8Array, needle: string, limit: number): number {
  const end = Math.min(b.length - needle.length, limit);
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (b[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** Formats no decoder here reads that the Node CLI hands to ffmpeg (docs/formats.md). */
type FfmpegFormat = 'mp4' | 'aac';

/** The format of `b`, or a short description of what it is when we cannot decode it. */
export function sniff(b: Uint8Array): { format: AudioFormat } | { unsupported: string; ffmpeg?: FfmpegFormat } {
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return { format: 'wav' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'FORM' && ['AIFF', 'AIFC'].includes(ascii(b, 8, 4))) return { format: 'aiff' };
  if (b.length >= 4 && ascii(b, 0, 4) === 'OggS') {
    if (indexOfAscii(b, 'OpusHead', 200) >= 0) return { format: 'ogg-opus' };
    if (indexOfAscii(b, 'vorbis', 200) >= 0) return { format: 'ogg-vorbis' };
    return { unsupported: 'an Ogg stream that is neither Vorbis nor Opus' };
  }
  if (b.length >= 4 && ascii(b, 0, 4) === 'fLaC') return { format: 'flac' };
  if (b.length >= 3 && ascii(b, 0, 3) === 'ID3') return { format: 'mp3' };
  if (b.length >= 8 && ascii(b, 4, 4) === 'ftyp') return { unsupported: 'MP4/AAC', ffmpeg: 'mp4' };
  if (b.length >= 4 && ascii(b, 0, 4) === 'ADIF') return { unsupported: 'AAC (ADIF)' };
  if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xf6) === 0xf0) return { unsupported: 'AAC (ADTS)', ffmpeg: 'aac' };
  if (b.length >= 2 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0) return { format: 'mp3' };
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    // an unreadable header is the demuxer's to report as corrupt; the codec is known at its Tracks
    const type = sniffDocType(b);
    return type === null || type === 'webm' || type === 'matroska' ? { format: 'webm-opus' } : { unsupported: `EBML document of type "${type}"` };
  }
  return { unsupported: 'not a recognised audio file' };
}
