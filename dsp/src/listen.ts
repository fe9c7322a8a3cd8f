// A file to hashes as its bytes arrive (an upload, a file read in pieces): each decoded PCM
// block goes straight into the streaming fingerprinter, so memory stays flat whatever the
// file's length. Only the window [from, until) is fingerprinted; decoding stops there
// unless the caller wants every sample (to hash the decoded audio, say).
import { concatBytes } from './bytes';
import { AudioDecodeError, interleave, openStream, SNIFF_BYTES, type AudioFormat, type PcmBlock, type StreamDecoder } from './decode/index';
import { Fingerprinter } from './engine';
import { concatBatches } from './records';
import type { EngineConfig, PresetName } from './config';
import type { HashBatch, QualityMetrics } from './types';

export interface ListenOptions {
  /** The compiled engine (dsp/build/dsp.wasm). */
  engine: WebAssembly.Module;
  preset: PresetName;
  /** Overrides the preset (tuning runs). */
  config?: EngineConfig;
  /** Seconds of the file to skip before fingerprinting. */
  fromS: number;
  /** Where to stop (seconds of the file), or null for the end. */
  untilS: number | null;
  /** Sees every decoded sample (interleaved) when set; the file is then read to its end. */
  onPcm?: (samples: Float32Array, sampleRate: number, channels: number) => Promise<void> | void;
}

export interface Heard {
  format: AudioFormat;
  hashes: HashBatch;
  quality: QualityMetrics;
  /** Seconds decoded (the whole file when it was read to its end). */
  decodedS: number;
  /** Seconds fingerprinted. */
  heardS: number;
  /** The decoded audio's own rate (Hz) and channel count. */
  sampleRate: number;
  channels: number;
  frames: number;
  /** The band envelope's steps (engine.ts takeEnvelope). */
  envelope: Float32Array;
  /** Time spent decoding and fingerprinting (they interleave). */
  decodeMs: number;
  fingerprintMs: number;
}

class Listener {
  private fp: Fingerprinter | null = null;
  private rate = 0;
  private channels = 0;
  private position = 0;
  private fingerprinted = 0;
  private readonly batches: HashBatch[] = [];
  fingerprintMs = 0;

  constructor(private readonly opts: ListenOptions) {}

  /** False once the window is done and nothing else needs the rest of the file. */
  get wantsMore(): boolean {
    return this.opts.onPcm !== undefined || this.opts.untilS === null || this.rate === 0 || this.position < this.opts.untilS * this.rate;
  }

  async take(block: PcmBlock | null): Promise<void> {
    if (!block || block.channels[0].length === 0) return;
    const t0 = performance.now();
    if (this.rate === 0) {
      this.rate = block.sampleRate;
      this.channels = block.channels.length;
      const { engine, preset, config } = this.opts;
      this.fp = await Fingerprinter.create(engine, { sampleRate: this.rate, channels: this.channels, preset, config, collectEnvelope: true });
    } else if (block.sampleRate !== this.rate || block.channels.length !== this.channels) {
      throw new AudioDecodeError('corrupt', 'the audio changes its sample rate or channel count mid-file');
    }
    const n = block.channels[0].length;
    const samples = interleave(block.channels);
    await this.opts.onPcm?.(samples, this.rate, this.channels);
    const from = Math.max(0, Math.round(this.opts.fromS * this.rate) - this.position);
    const until = this.opts.untilS === null ? n : Math.min(n, Math.round(this.opts.untilS * this.rate) - this.position);
    if (until > from) {
      this.batches.push(this.fp!.push(samples.subarray(from * this.channels, until * this.channels)));
      this.fingerprinted += until - from;
    }
    this.position += n;
    this.fingerprintMs += performance.now() - t0;
  }

  finish(format: AudioFormat, elapsedMs: number): Heard {
    if (!this.fp) throw new AudioDecodeError('corrupt', `no audio could be decoded from this ${format} file`);
    const t0 = performance.now();
    this.batches.push(this.fp.flush());
    this.fingerprintMs += performance.now() - t0;
    return {
      format,
      hashes: concatBatches(this.batches),
      quality: this.fp.quality(),
      decodedS: this.position / this.rate,
      heardS: this.fingerprinted / this.rate,
      sampleRate: this.rate,
      channels: this.channels,
      frames: this.fp.frames,
      envelope: this.fp.takeEnvelope(),
      decodeMs: elapsedMs - this.fingerprintMs,
      fingerprintMs: this.fingerprintMs,
    };
  }
}

/** Decodes and fingerprints `pieces`. Throws AudioDecodeError (and EngineError for rates it refuses). */
export async function listen(pieces: AsyncIterable<Uint8Array>, opts: ListenOptions): Promise<Heard> {
  const started = performance.now();
  const listener = new Listener(opts);
  let decoder: StreamDecoder | null = null;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  try {
    for await (const piece of pieces) {
      if (!decoder) {
        // sniffing wants the first bytes together; network pieces can be tiny
        head.push(piece.slice());
        headBytes += piece.length;
        if (headBytes < SNIFF_BYTES) continue;
        const joined = concatBytes(head);
        head = [];
        decoder = await openStream(joined);
        await listener.take(await decoder.push(joined));
      } else {
        await listener.take(await decoder.push(piece));
      }
      if (!listener.wantsMore) break;
    }
    if (!decoder) {
      const joined = concatBytes(head);
      decoder = await openStream(joined);
      await listener.take(await decoder.push(joined));
    }
    if (listener.wantsMore) await listener.take(await decoder.flush());
    return listener.finish(decoder.format, performance.now() - started);
  } finally {
    decoder?.free();
  }
}
