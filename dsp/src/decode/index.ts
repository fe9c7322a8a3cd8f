// Decode any supported file to Float32 channels: WAV and AIFF by our own code, the
// compressed formats with npm WebAssembly decoders (no ffmpeg: this runs everywhere).
import { CodecStream } from './codecs';
import { openStream } from './stream';
import { AudioDecodeError, type AudioFormat, type DecodedAudio } from './types';

export { sniff } from './sniff';
export { openStream, SNIFF_BYTES } from './stream';
export { registerDecoderModules, type Codec } from './codecs';
export { decodeWav, encodeWav } from './wav';
// the decoders' output in the engine's layout; lives with the other PCM helpers
export { downmix, interleave } from '../pcm';
export { AudioDecodeError, type AudioFormat, type DecodedAudio, type PcmBlock, type StreamDecoder } from './types';

export async function decodeAudio(bytes: Uint8Array): Promise<DecodedAudio & { format: AudioFormat }> {
  const stream = await openStream(bytes);
  const blocks: DecodedAudio[] = [];
  try {
    for (const b of [await stream.push(bytes), await stream.flush()]) if (b) blocks.push(b);
  } finally {
    stream.free();
  }
  if (blocks.length === 0 || blocks[0].channels.length === 0) {
    const damaged = stream instanceof CodecStream && stream.errors > 0;
    throw new AudioDecodeError('corrupt', `no audio could be decoded from this ${stream.format} file${damaged ? ' (its data is damaged)' : ''}`, {
      cause: damaged ? (stream as CodecStream).lastError : undefined,
    });
  }
  return { ...joinBlocks(blocks), format: stream.format };
}

/** One block of the blocks' samples, channel by channel. */
function joinBlocks(blocks: DecodedAudio[]): DecodedAudio {
  if (blocks.length === 1) return blocks[0];
  const { sampleRate, channels } = blocks[0];
  const n = blocks.reduce((s, b) => s + b.channels[0].length, 0);
  const out = channels.map(() => new Float32Array(n));
  let o = 0;
  for (const b of blocks) {
    out.forEach((c, i) => c.set(b.channels[i] ?? b.channels[0], o));
    o += b.channels[0].length;
  }
  return { sampleRate, channels: out };
}
