// The compressed formats, through the npm WebAssembly decoders, as streams: each push
// decodes what the bytes so far complete (Ogg pages, FLAC frames, MPEG frames).
import * as common from '@wasm-audio-decoders/common';
import { AudioDecodeError, type CodecFormat, type PcmBlock, type StreamDecoder, type WasmDecoded, type WasmDecoder } from './types';
import { WebmOpusDecoder } from './webm/index';
import { DECODER_FACTORIES, type Codec } from './factories';

export type { Codec };

/** The package ships no types for its runtime half. */
const { WASMAudioDecoderCommon } = common as unknown as {
  WASMAudioDecoderCommon: { new (): unknown; setModule(factory: object, module: WebAssembly.Module): void };
};

/**
 * Hands the decoders precompiled modules (dsp/build/decoders/*.wasm): required in workerd,
 * which refuses to compile wasm at run time; Node compiles the packages' own copies.
 */
export function registerDecoderModules(modules: Record<Codec, WebAssembly.Module>): void {
  new WASMAudioDecoderCommon(); // creates the static module cache
  for (const codec of Object.keys(DECODER_FACTORIES) as Codec[]) WASMAudioDecoderCommon.setModule(DECODER_FACTORIES[codec], modules[codec]);
}

async function create(format: CodecFormat): Promise<WasmDecoder> {
  switch (format) {
    case 'ogg-vorbis':
      return new (await import('@wasm-audio-decoders/ogg-vorbis')).OggVorbisDecoder() as unknown as WasmDecoder;
    case 'ogg-opus':
      return new (await import('ogg-opus-decoder')).OggOpusDecoder() as unknown as WasmDecoder;
    case 'flac':
      return new (await import('@wasm-audio-decoders/flac')).FLACDecoder() as unknown as WasmDecoder;
    case 'mp3':
      return new (await import('mpg123-decoder')).MPEGDecoder() as unknown as WasmDecoder;
    case 'webm-opus':
      return new WebmOpusDecoder();
  }
}

export class CodecStream implements StreamDecoder {
  /** Frames the decoder could not decode so far (it skips them and goes on). */
  errors = 0;
  lastError = '';

  private constructor(
    readonly format: CodecFormat,
    private readonly decoder: WasmDecoder,
  ) {}

  static async open(format: CodecFormat): Promise<CodecStream> {
    const decoder = await create(format);
    await decoder.ready;
    return new CodecStream(format, decoder);
  }

  async push(bytes: Uint8Array): Promise<PcmBlock | null> {
    return this.block(() => this.decoder.decode(bytes));
  }

  async flush(): Promise<PcmBlock | null> {
    return this.decoder.flush ? this.block(() => this.decoder.flush!()) : null;
  }

  free(): void {
    this.decoder.free();
  }

  private async block(run: () => WasmDecoded | Promise<WasmDecoded>): Promise<PcmBlock | null> {
    let r: WasmDecoded;
    try {
      r = await run();
    } catch (e) {
      if (e instanceof AudioDecodeError) throw e;
      // the decoders fail in their own words (even a ReferenceError of theirs): ours go out
      throw new AudioDecodeError('corrupt', `the ${this.format} data is damaged and could not be decoded`, { cause: e });
    }
    if (r.errors?.length) {
      this.errors += r.errors.length;
      this.lastError = r.errors[r.errors.length - 1].message;
    }
    if (!r.samplesDecoded) return null;
    return { sampleRate: r.sampleRate, channels: r.channelData.map((c) => c.subarray(0, r.samplesDecoded)) };
  }
}
