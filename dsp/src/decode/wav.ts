// RIFF/WAVE: PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE.
import { AudioDecodeError, type DecodedAudio } from './types';

export const WAV_TRUNCATED = 'WAV file is truncated: it ends before a complete fmt and data chunk header';

export interface WavFormat {
  tag: number;
  channels: number;
  rate: number;
  bits: number;
  align: number;
}

/** Where the samples start, or null when `b` ends before the data chunk does begin. */
export function parseWavHeader(b: Uint8Array): { fmt: WavFormat; dataStart: number; dataSize: number } | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 12;
  let fmt: WavFormat | null = null;
  while (pos + 8 <= b.length) {
    const id = String.fromCharCode(b[pos], b[pos + 1], b[pos + 2], b[pos + 3]);
    const size = v.getUint32(pos + 4, true);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (size < 16) throw new AudioDecodeError('corrupt', 'WAV fmt chunk is truncated');
      if (body + 16 > b.length) return null;
      let tag = v.getUint16(body, true);
      if (tag === 0xfffe && size >= 40) {
        if (body + 26 > b.length) return null;
        tag = v.getUint16(body + 24, true);
      }
      fmt = {
        tag,
        channels: v.getUint16(body + 2, true),
        rate: v.getUint32(body + 4, true),
        align: v.getUint16(body + 12, true),
        bits: v.getUint16(body + 14, true),
      };
      checkFormat(fmt);
    } else if (id === 'data') {
      if (!fmt) throw new AudioDecodeError('corrupt', 'WAV data chunk before fmt chunk');
      return { fmt, dataStart: body, dataSize: size };
    }
    pos = body + size + (size & 1);
  }
  return null;
}

export function decodeWav(b: Uint8Array): DecodedAudio {
  const header = parseWavHeader(b);
  if (!header) throw new AudioDecodeError('corrupt', WAV_TRUNCATED);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return decodeSamples(v, header.dataStart, Math.min(b.length, header.dataStart + header.dataSize), header.fmt);
}

function checkFormat({ tag, channels, bits }: WavFormat): void {
  if (channels < 1) throw new AudioDecodeError('corrupt', 'WAV file declares no channels');
  const bytes = bits / 8;
  if (!(tag === 1 && [1, 2, 3, 4].includes(bytes)) && !(tag === 3 && (bytes === 4 || bytes === 8))) {
    throw new AudioDecodeError('unsupported', `WAV encoding ${tag} with ${bits} bits is not supported`);
  }
}

/** Bytes per sample frame (all channels). */
export const wavFrameBytes = (fmt: WavFormat) => (fmt.bits / 8) * fmt.channels;

/** The whole sample frames of bytes start..end. */
export function decodeSamples(v: DataView, start: number, end: number, fmt: WavFormat): DecodedAudio {
  const { tag, channels, rate, bits } = fmt;
  const bytes = bits / 8;
  const isFloat = tag === 3;
  const frames = Math.floor((end - start) / wavFrameBytes(fmt));
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  let p = start;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      let x: number;
      if (isFloat) x = bytes === 4 ? v.getFloat32(p, true) : v.getFloat64(p, true);
      else if (bytes === 1) x = (v.getUint8(p) - 128) / 128;
      else if (bytes === 2) x = v.getInt16(p, true) / 32768;
      else if (bytes === 3) x = ((v.getUint8(p) | (v.getUint8(p + 1) << 8) | (v.getInt8(p + 2) << 16)) / 8388608);
      else x = v.getInt32(p, true) / 2147483648;
      out[c][i] = x;
      p += bytes;
    }
  }
  return { sampleRate: rate, channels: out };
}

/** 16-bit PCM WAV of the given channels (fixtures, demo catalog, exports). */
export function encodeWav(audio: DecodedAudio): Uint8Array {
  const ch = audio.channels.length;
  const frames = audio.channels[0]?.length ?? 0;
  const data = frames * ch * 2;
  const b = new Uint8Array(44 + data);
  const v = new DataView(b.buffer);
  const w = (at: number, s: string) => { for (let i = 0; i < s.length; i++) b[at + i] = s.charCodeAt(i); };
  w(0, 'RIFF'); v.setUint32(4, 36 + data, true); w(8, 'WAVE');
  w(12, 'fmt '); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, ch, true);
  v.setUint32(24, audio.sampleRate, true); v.setUint32(28, audio.sampleRate * ch * 2, true);
  v.setUint16(32, ch * 2, true); v.setUint16(34, 16, true);
  w(36, 'data'); v.setUint32(40, data, true);
  let p = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < ch; c++) {
      const x = Math.max(-1, Math.min(1, audio.channels[c][i] || 0));
      v.setInt16(p, Math.round(x * 32767), true);
      p += 2;
    }
  }
  return b;
}
