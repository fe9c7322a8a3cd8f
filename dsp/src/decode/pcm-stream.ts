// A PCM container (WAV, AIFF) as it arrives: the header is held until the samples begin,
// then each push gives the whole sample frames it completes (a partial frame waits for
// the next push).
import { concatBytes } from '../bytes';
import { decodeFrames, frameBytes, type PcmContainer, type PcmLayout } from './pcm-frames';
import { AudioDecodeError, type PcmBlock, type PcmFormat, type StreamDecoder } from './types';

/** A header this long without the samples beginning is not a file we will read. */
const MAX_HEADER_BYTES = 1 << 20;

export class PcmStream implements StreamDecoder {
  readonly format: PcmFormat;
  private pending: Uint8Array = new Uint8Array(0);
  private layout: PcmLayout | null = null;
  /** Sample bytes the file declares that are still to come. */
  private remaining = 0;

  constructor(private readonly container: PcmContainer) {
    this.format = container.format;
  }

  async push(bytes: Uint8Array): Promise<PcmBlock | null> {
    let b = concatBytes([this.pending, bytes]);
    if (!this.layout) {
      const header = this.container.parseHeader(b);
      if (!header) {
        if (b.length > MAX_HEADER_BYTES) throw new AudioDecodeError('corrupt', this.container.noData);
        this.pending = b;
        return null;
      }
      this.layout = header.layout;
      this.remaining = header.dataBytes;
      b = b.subarray(header.dataStart);
    }
    if (b.length > this.remaining) b = b.subarray(0, this.remaining);
    const whole = b.length - (b.length % frameBytes(this.layout));
    this.remaining -= whole;
    this.pending = b.slice(whole);
    if (whole === 0) return null;
    return decodeFrames(new DataView(b.buffer, b.byteOffset, whole), 0, whole, this.layout);
  }

  async flush(): Promise<PcmBlock | null> {
    if (!this.layout) throw new AudioDecodeError('corrupt', this.container.truncated);
    return null;
  }

  free(): void {}
}
