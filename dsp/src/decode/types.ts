export interface DecodedAudio {
  sampleRate: number;
  /** One Float32Array per channel, equal lengths. */
  channels: Float32Array[];
}

export type AudioFormat = 'wav' | 'ogg-vorbis' | 'ogg-opus' | 'flac' | 'mp3' | 'webm-opus';

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
