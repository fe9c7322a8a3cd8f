// Title, artist, album and ISRC from a file's own tags, by container.
import type { AudioFormat } from '../../dsp/src/decode/index';
import { readId3 } from './id3';
import type { Tags } from './types';
import { readFlacTags, readOggTags } from './vorbis-comment';

export type { Tags } from './types';

export function readTags(bytes: Uint8Array, format: AudioFormat): Tags {
  switch (format) {
    case 'mp3':
      return readId3(bytes);
    case 'flac':
      return readFlacTags(bytes);
    case 'ogg-vorbis':
    case 'ogg-opus':
      return readOggTags(bytes);
    case 'wav':
    case 'aiff':
    case 'webm-opus':
      return {};
  }
}
