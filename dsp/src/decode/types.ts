export interface DecodedAudio {
  sampleRate: number;
  /** One Float32Array per channel, equal lengths. */
  channels: Float32Array[];
}

// The decoders' interfaces live here, apart from their implementations, so that the stream
// (stream.ts), the codecs (codecs.ts), the PCM containers and WebM import them without
// importing each other.

/** A block of decoded samples, as a stream decoder hands them out. */
export type PcmBlock = DecodedAudio;

export interface StreamDecoder {
  readonly format: AudioFormat;
  /** The PCM these bytes complete, if any. */
  push(bytes: Uint8Array): Promise<PcmBlock | null>;
  /** End of input: what the decoder still holds. */
  flush(): Promise<PcmBlock | null>;
  free(): void;
}

/** What one npm WebAssembly decoder's decode() gives. */
export interface WasmDecoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors?: { message: string }[];
}

/** The npm WebAssembly decoders' common shape (and the WebM Opus decoder's). */
export interface WasmDecoder {
  ready: Promise<void>;
  decode(b: Uint8Array): WasmDecoded | Promise<WasmDecoded>;
  flush?(): Promise<WasmDecoded>;
  free(): void;
}

/** Containers of plain samples, read by our own code (pcm-stream.ts). */
export type PcmFormat = 'wav' | 'aiff';

/** What the npm WebAssembly decoders read (codecs.ts). */
export type CodecFormat = 'ogg-vorbis' | 'ogg-opus' | 'flac' | 'mp3' | 'webm-opus';

export type AudioFormat = PcmFormat | CodecFormat;

export class AudioDecodeError extends Error {
  constructor(
    readonly code: 'empty' | 'unsupported' | 'corrupt',
    message: string,
    /** A third-party decoder's own words, for logs: never shown to a user or client. */
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'AudioDecodeError';
  }
}
