import { hex } from './bytes';
import type { DecodedAudio } from './decode/types';

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

/** The channels' mean: what the engine hears of them (as ffmpeg's `-ac 1` mixes a query set's clips). */
export function downmix(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i] += ch[i];
  const inv = 1 / channels.length;
  for (let i = 0; i < out.length; i++) out[i] *= inv;
  return out;
}

/**
 * Little-endian 16-bit PCM of `x`: what "the decoded audio" means when it is hashed. The
 * SHA-1 of these bytes over the whole file, channels interleaved, is the catalog's
 * `content_sha1` (the same from the CLI, TuneScout's blob_sha1 and the demo seed; dedupe's
 * identical class): two lossless encodings of one recording decode to the same bytes here,
 * and a retagged file keeps its hash. The CLI and the Worker feed it piece by piece while
 * decoding; `contentSha1` below is the same for audio already whole.
 */
export function pcm16(x: Float32Array): Uint8Array<ArrayBuffer> {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    // Math.round, 1.8x faster (it was a fifth of a dedupe worker's time): a float32 times
    // 32767 is exact in a double and never within 2^-54 of a half, so adding 0.5 rounds
    // nothing; NaN and -0 store as 0 in an Int16Array either way
    out[i] = v >= 1 ? 32767 : v <= -1 ? -32768 : Math.floor(v * 32767 + 0.5);
  }
  return new Uint8Array(out.buffer);
}

/** The catalog's `content_sha1` of audio decoded whole (see `pcm16`): lower-case hex. */
export async function contentSha1(audio: DecodedAudio): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-1', pcm16(interleave(audio.channels))));
}

/**
 * Each second's RMS level in dBFS over all channels (-Infinity for digital silence), as
 * interleaved samples stream in: two copies of one recording whose whole-file level agrees
 * can still differ in a second of it (a fade over a near-silent edge).
 */
export class SecondLevels {
  readonly levels: number[] = [];
  private sum = 0;
  private n = 0;

  /** `samplesPerSecond`: rate x channels. */
  constructor(private readonly samplesPerSecond: number) {}

  push(x: Float32Array): void {
    for (let i = 0; i < x.length; i++) {
      this.sum += x[i] * x[i];
      if (++this.n === this.samplesPerSecond) this.close();
    }
  }

  /** The levels, the last (partial) second included. */
  finish(): number[] {
    if (this.n > 0) this.close();
    return this.levels;
  }

  private close(): void {
    this.levels.push(10 * Math.log10(this.sum / this.n));
    this.sum = 0;
    this.n = 0;
  }
}
