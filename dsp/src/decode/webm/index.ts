// WebM/Matroska with Opus (Chrome's MediaRecorder) in the shape of the npm decoders
// CodecStream drives: bytes in, the PCM of the packets they complete out.
import type { WasmDecoded, WasmDecoder } from '../types';
import { WebmDemuxer } from './demux';

type OpusDecoder = import('opus-decoder').OpusDecoder;

export class WebmOpusDecoder implements WasmDecoder {
  readonly ready = Promise.resolve();
  private readonly demux = new WebmDemuxer();
  /** Made once the Tracks give the channels and pre-skip. */
  private opus: OpusDecoder | null = null;

  decode(bytes: Uint8Array): Promise<WasmDecoded> {
    this.demux.push(bytes);
    return this.decodePackets();
  }

  flush(): Promise<WasmDecoded> {
    this.demux.end();
    return this.decodePackets();
  }

  free(): void {
    this.opus?.free();
  }

  private async decodePackets(): Promise<WasmDecoded> {
    const track = this.demux.opus;
    if (!track) return { channelData: [], samplesDecoded: 0, sampleRate: 48000 };
    let opus = this.opus;
    if (!opus) {
      opus = this.opus = new (await import('opus-decoder')).OpusDecoder(track); // 48 kHz out
      await opus.ready;
    }
    const { packets, trim } = this.demux.take();
    const out = opus.decodeFrames(packets);
    const samplesDecoded = Math.max(0, out.samplesDecoded - trim);
    return { ...out, samplesDecoded, channelData: out.channelData.map((c) => c.subarray(0, samplesDecoded)) };
  }
}
