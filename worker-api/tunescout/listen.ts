// An uploaded file to hashes inside the Worker: bytes are decoded as they arrive and each
// PCM block goes straight into the streaming fingerprinter, so memory stays flat whatever
// the file's length. Only the window [from, until) is fingerprinted; decoding stops there.
import dspModule from '../../dsp/build/dsp.wasm';
import flacModule from '../../dsp/build/decoders/flac.wasm';
import mp3Module from '../../dsp/build/decoders/mp3.wasm';
import opusModule from '../../dsp/build/decoders/opus.wasm';
import vorbisModule from '../../dsp/build/decoders/vorbis.wasm';
import { concatBatches, Fingerprinter, type HashBatch, type PresetName, type QualityMetrics } from '../../dsp/src/index';
import { AudioDecodeError, interleave, openStream, registerDecoderModules, SNIFF_BYTES, type AudioFormat, type PcmBlock, type StreamDecoder } from '../../dsp/src/decode/index';

let registered = false;
function decoders(): void {
  if (registered) return;
  registerDecoderModules({ mp3: mp3Module, vorbis: vorbisModule, opus: opusModule, flac: flacModule });
  registered = true;
}

export interface ListenOptions {
  preset: PresetName;
  /** Seconds of the file to skip before fingerprinting. */
  fromS: number;
  /** Where to stop (seconds of the file), or null for the end. */
  untilS: number | null;
  /** SHA-1 of the whole decoded audio (16-bit PCM, interleaved): reads the file to its end. */
  digest: boolean;
}

export interface Heard {
  format: AudioFormat;
  hashes: HashBatch;
  quality: QualityMetrics;
  /** Seconds decoded (the whole file when it was read to its end). */
  decodedS: number;
  /** Seconds fingerprinted. */
  heardS: number;
  sha1: string | null;
}

class Listener {
  private fp: Fingerprinter | null = null;
  private rate = 0;
  private channels = 0;
  private position = 0;
  private fingerprinted = 0;
  private readonly batches: HashBatch[] = [];
  private readonly digest: DigestStream | null;
  private readonly writer: WritableStreamDefaultWriter<ArrayBufferView> | null;

  constructor(private readonly opts: ListenOptions) {
    this.digest = opts.digest ? new crypto.DigestStream('SHA-1') : null;
    this.writer = this.digest?.getWriter() ?? null;
  }

  /** False once the window is done and nothing else needs the rest of the file. */
  get wantsMore(): boolean {
    return this.opts.digest || this.opts.untilS === null || this.rate === 0 || this.position < this.opts.untilS * this.rate;
  }

  async take(block: PcmBlock | null): Promise<void> {
    if (!block || block.channels[0].length === 0) return;
    if (this.rate === 0) {
      this.rate = block.sampleRate;
      this.channels = block.channels.length;
      this.fp = await Fingerprinter.create(dspModule, { sampleRate: this.rate, channels: this.channels, preset: this.opts.preset });
    } else if (block.sampleRate !== this.rate || block.channels.length !== this.channels) {
      throw new AudioDecodeError('corrupt', 'the audio changes its sample rate or channel count mid-file');
    }
    const n = block.channels[0].length;
    const samples = interleave(block.channels);
    if (this.writer) await this.writer.write(pcm16(samples));
    const from = Math.max(0, Math.round(this.opts.fromS * this.rate) - this.position);
    const until = this.opts.untilS === null ? n : Math.min(n, Math.round(this.opts.untilS * this.rate) - this.position);
    if (until > from) {
      this.batches.push(this.fp!.push(samples.subarray(from * this.channels, until * this.channels)));
      this.fingerprinted += until - from;
    }
    this.position += n;
  }

  async finish(format: AudioFormat): Promise<Heard> {
    if (!this.fp) throw new AudioDecodeError('corrupt', `no audio could be decoded from this ${format} file`);
    this.batches.push(this.fp.flush());
    let sha1: string | null = null;
    if (this.writer && this.digest) {
      await this.writer.close();
      sha1 = [...new Uint8Array(await this.digest.digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    }
    return {
      format,
      hashes: concatBatches(this.batches),
      quality: this.fp.quality(),
      decodedS: this.position / this.rate,
      heardS: this.fingerprinted / this.rate,
      sha1,
    };
  }
}

/** Little-endian 16-bit PCM of `x` (what "the decoded audio" means for its SHA-1). */
function pcm16(x: Float32Array): Uint8Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v >= 1 ? 32767 : v <= -1 ? -32768 : Math.round(v * 32767) || 0;
  }
  return new Uint8Array(out.buffer);
}

/** Decodes and fingerprints `pieces` (a file as it arrives). Throws AudioDecodeError. */
export async function listen(pieces: AsyncIterable<Uint8Array>, opts: ListenOptions): Promise<Heard> {
  decoders();
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
        const joined = join(head);
        head = [];
        decoder = await openStream(joined);
        await listener.take(await decoder.push(joined));
      } else {
        await listener.take(await decoder.push(piece));
      }
      if (!listener.wantsMore) break;
    }
    if (!decoder) {
      const joined = join(head);
      decoder = await openStream(joined);
      await listener.take(await decoder.push(joined));
    }
    if (listener.wantsMore) await listener.take(await decoder.flush());
    return await listener.finish(decoder.format);
  } finally {
    decoder?.free();
  }
}

function join(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of pieces) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
