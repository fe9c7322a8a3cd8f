// Decode any supported file to Float32 channels with npm WebAssembly decoders (no ffmpeg).
import { sniff } from './sniff';
import { decodeWav } from './wav';
import { AudioDecodeError, type AudioFormat, type DecodedAudio } from './types';

export { sniff } from './sniff';
export { decodeWav, encodeWav } from './wav';
export { AudioDecodeError, type AudioFormat, type DecodedAudio } from './types';

interface WasmDecoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors?: { message: string }[];
}

interface WasmDecoder {
  ready: Promise<void>;
  decodeFile?: (b: Uint8Array) => Promise<WasmDecoded>;
  decode: (b: Uint8Array) => WasmDecoded | Promise<WasmDecoded>;
  free: () => void;
}

async function wasmDecoder(format: Exclude<AudioFormat, 'wav'>): Promise<WasmDecoder> {
  switch (format) {
    case 'ogg-vorbis':
      return new (await import('@wasm-audio-decoders/ogg-vorbis')).OggVorbisDecoder() as unknown as WasmDecoder;
    case 'ogg-opus':
      return new (await import('ogg-opus-decoder')).OggOpusDecoder() as unknown as WasmDecoder;
    case 'flac':
      return new (await import('@wasm-audio-decoders/flac')).FLACDecoder() as unknown as WasmDecoder;
    case 'mp3':
      return new (await import('mpg123-decoder')).MPEGDecoder() as unknown as WasmDecoder;
  }
}

export async function decodeAudio(bytes: Uint8Array): Promise<DecodedAudio & { format: AudioFormat }> {
  if (bytes.length === 0) throw new AudioDecodeError('empty', 'the file is empty');
  const kind = sniff(bytes);
  if ('unsupported' in kind) throw new AudioDecodeError('unsupported', `unsupported format: ${kind.unsupported}`);
  const format = kind.format;
  let audio: DecodedAudio;
  if (format === 'wav') {
    audio = decodeWav(bytes);
  } else {
    const decoder = await wasmDecoder(format);
    try {
      await decoder.ready;
      const r = decoder.decodeFile ? await decoder.decodeFile(bytes) : await decoder.decode(bytes);
      audio = { sampleRate: r.sampleRate, channels: r.channelData.map((c) => c.subarray(0, r.samplesDecoded)) };
    } catch (e) {
      throw new AudioDecodeError('corrupt', `could not decode ${format}: ${(e as Error).message}`);
    } finally {
      decoder.free();
    }
  }
  if (audio.channels.length === 0 || audio.channels[0].length === 0) {
    throw new AudioDecodeError('corrupt', `no audio could be decoded from this ${format} file`);
  }
  return { ...audio, format };
}

/** Interleaves channels for the engine (which downmixes and measures per channel). */
export function interleave(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const n = channels[0].length;
  const c = channels.length;
  const out = new Float32Array(n * c);
  for (let ch = 0; ch < c; ch++) {
    const src = channels[ch];
    for (let i = 0; i < n; i++) out[i * c + ch] = src[i];
  }
  return out;
}
