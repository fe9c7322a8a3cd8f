// The containers of plain samples we read ourselves (WAV little-endian, AIFF big-endian):
// how each describes its samples, and the one conversion of them to Float32 channels.
import type { DecodedAudio, PcmFormat } from './types';

export interface PcmLayout {
  channels: number;
  /** Hz, a whole number (the engine takes no other). */
  rate: number;
  /** Bytes of one sample of one channel: 1-4 for integers, 4 or 8 for floats. */
  bytes: number;
  /** 'uint' is 8-bit offset binary, as WAV stores 8-bit samples; AIFF's are signed. */
  encoding: 'int' | 'uint' | 'float';
  littleEndian: boolean;
}

/** Where a container's samples start and how many bytes of them it declares. */
export interface PcmHeader {
  layout: PcmLayout;
  dataStart: number;
  /** Infinity when the file does not say (written to a pipe): read to its end. */
  dataBytes: number;
}

/** What a container module tells the stream decoder (pcm-stream.ts). */
export interface PcmContainer {
  format: PcmFormat;
  /** The header once `b` (the file from its start) holds all of it, else null; throws AudioDecodeError. */
  parseHeader(b: Uint8Array): PcmHeader | null;
  /** Said when the file ends before its samples begin. */
  truncated: string;
  /** Said when the header runs past the stream's limit (a megabyte). */
  noData: string;
}

/** Bytes per sample frame (all channels). */
export const frameBytes = (l: PcmLayout) => l.bytes * l.channels;

/** The whole sample frames of bytes start..end. */
export function decodeFrames(v: DataView, start: number, end: number, layout: PcmLayout): DecodedAudio {
  const { channels, rate, bytes, encoding, littleEndian: le } = layout;
  const frames = Math.floor((end - start) / frameBytes(layout));
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  let p = start;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      let x: number;
      if (encoding === 'float') x = bytes === 4 ? v.getFloat32(p, le) : v.getFloat64(p, le);
      else if (bytes === 1) x = encoding === 'uint' ? (v.getUint8(p) - 128) / 128 : v.getInt8(p) / 128;
      else if (bytes === 2) x = v.getInt16(p, le) / 32768;
      else if (bytes === 3) x = (le ? v.getUint8(p) | (v.getUint8(p + 1) << 8) | (v.getInt8(p + 2) << 16) : (v.getInt8(p) << 16) | (v.getUint8(p + 1) << 8) | v.getUint8(p + 2)) / 8388608;
      else x = v.getInt32(p, le) / 2147483648;
      out[c][i] = x;
      p += bytes;
    }
  }
  return { sampleRate: rate, channels: out };
}
