// RIFF/WAVE: PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE.
import { decodeFrames, type PcmContainer, type PcmHeader, type PcmLayout } from './pcm-frames';
import { AudioDecodeError, type DecodedAudio } from './types';

export const WAV_TRUNCATED = 'WAV file is truncated: it ends before a complete fmt and data chunk header';

/** Where the samples start, or null when `b` ends before the data chunk does begin. */
export function parseWavHeader(b: Uint8Array): PcmHeader | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 12;
  let layout: PcmLayout | null = null;
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
      layout = wavLayout(tag, v.getUint16(body + 2, true), v.getUint32(body + 4, true), v.getUint16(body + 14, true));
    } else if (id === 'data') {
      if (!layout) throw new AudioDecodeError('corrupt', 'WAV data chunk before fmt chunk');
      // streamed WAVs (and some recorders) write 0 or 0xFFFFFFFF: read to the end then
      return { layout, dataStart: body, dataBytes: size === 0 || size === 0xffffffff ? Infinity : size };
    }
    pos = body + size + (size & 1);
  }
  return null;
}

export const WAV: PcmContainer = {
  format: 'wav',
  parseHeader: parseWavHeader,
  truncated: WAV_TRUNCATED,
  noData: 'WAV file has no data chunk in its first megabyte',
};

export function decodeWav(b: Uint8Array): DecodedAudio {
  const header = parseWavHeader(b);
  if (!header) throw new AudioDecodeError('corrupt', WAV_TRUNCATED);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return decodeFrames(v, header.dataStart, Math.min(b.length, header.dataStart + header.dataBytes), header.layout);
}

function wavLayout(tag: number, channels: number, rate: number, bits: number): PcmLayout {
  if (channels < 1) throw new AudioDecodeError('corrupt', 'WAV file declares no channels');
  const bytes = bits / 8;
  if (!(tag === 1 && [1, 2, 3, 4].includes(bytes)) && !(tag === 3 && (bytes === 4 || bytes === 8))) {
    throw new AudioDecodeError('unsupported', `WAV encoding ${tag} with ${bits} bits is not supported`);
  }
  return { channels, rate, bytes, encoding: tag === 3 ? 'float' : bytes === 1 ? 'uint' : 'int', littleEndian: true };
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
