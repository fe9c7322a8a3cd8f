export interface DecodedAudio {
  sampleRate: number;
  /** One Float32Array per channel, equal lengths. */
  channels: Float32Array[];
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
