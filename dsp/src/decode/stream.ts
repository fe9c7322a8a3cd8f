// Decoding as the bytes arrive (an upload read from the network): PCM blocks out, memory
// bounded by one block whatever the file's length. The format comes from the first bytes.
import { AIFF } from './aiff';
import { CodecStream } from './codecs';
import { PcmStream } from './pcm-stream';
import { sniff } from './sniff';
import { AudioDecodeError, type StreamDecoder } from './types';
import { WAV } from './wav';

/** Bytes sniffing wants: the Ogg codec header sits inside the first page. */
export const SNIFF_BYTES = 512;

/** A decoder for the file that starts with `head` (at least SNIFF_BYTES, or the whole file). */
export async function openStream(head: Uint8Array): Promise<StreamDecoder> {
  if (head.length === 0) throw new AudioDecodeError('empty', 'the file is empty');
  const kind = sniff(head);
  if ('unsupported' in kind) throw new AudioDecodeError('unsupported', `unsupported format: ${kind.unsupported}`);
  if (kind.format === 'wav') return new PcmStream(WAV);
  if (kind.format === 'aiff') return new PcmStream(AIFF);
  return CodecStream.open(kind.format);
}
