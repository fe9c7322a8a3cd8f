// RIFF/WAVE as it arrives: the header is held until the data chunk begins, then each push
// gives the whole sample frames it completes (a partial frame waits for the next push).
import { concatBytes } from '../bytes';
import { AudioDecodeError } from './types';
import type { PcmBlock, StreamDecoder } from './stream';
import { decodeSamples, parseWavHeader, WAV_TRUNCATED, wavFrameBytes, type WavFormat } from './wav';

/** A header this long without a data chunk is not a WAV file we will read. */
const MAX_HEADER_BYTES = 1 << 20;

export class WavStream implements StreamDecoder {
  readonly format = 'wav' as const;
  private pending: Uint8Array = new Uint8Array(0);
  private fmt: WavFormat | null = null;
  /** Data bytes the file declares that are still to come. */
  private remaining = 0;

  async push(bytes: Uint8Array): Promise<PcmBlock | null> {
    let b = concatBytes([this.pending, bytes]);
    if (!this.fmt) {
      const header = parseWavHeader(b);
      if (!header) {
        if (b.length > MAX_HEADER_BYTES) throw new AudioDecodeError('corrupt', 'WAV file has no data chunk in its first megabyte');
        this.pending = b;
        return null;
      }
      this.fmt = header.fmt;
      // streamed WAVs (and some recorders) write 0 or 0xFFFFFFFF: read to the end then
      this.remaining = header.dataSize === 0 || header.dataSize === 0xffffffff ? Infinity : header.dataSize;
      b = b.subarray(header.dataStart);
    }
    if (b.length > this.remaining) b = b.subarray(0, this.remaining);
    const frameBytes = wavFrameBytes(this.fmt);
    const whole = b.length - (b.length % frameBytes);
    this.remaining -= whole;
    this.pending = b.slice(whole);
    if (whole === 0) return null;
    return decodeSamples(new DataView(b.buffer, b.byteOffset, whole), 0, whole, this.fmt);
  }

  async flush(): Promise<PcmBlock | null> {
    if (!this.fmt) throw new AudioDecodeError('corrupt', WAV_TRUNCATED);
    return null;
  }

  free(): void {}
}
