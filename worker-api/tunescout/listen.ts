// Uploads to hashes inside the Worker: the engine's streaming listener, and the SHA-1 of
// the decoded audio computed as it passes.
import { listen, type Heard, type ListenOptions } from '../../dsp/src/listen';
import { pcm16 } from '../../dsp/src/index';
import { dspModule, useDecoders } from '../audio';
import { hex } from '../encoding';

export interface Upload extends Heard {
  /** SHA-1 of the whole decoded audio as 16-bit PCM, interleaved (when asked for). */
  sha1: string | null;
}

export async function listenToUpload(
  pieces: AsyncIterable<Uint8Array>,
  opts: Omit<ListenOptions, 'engine' | 'onPcm'> & { digest: boolean },
): Promise<Upload> {
  useDecoders();
  const digest = opts.digest ? new crypto.DigestStream('SHA-1') : null;
  const writer = digest?.getWriter();
  const heard = await listen(pieces, { ...opts, engine: dspModule, onPcm: writer && ((x) => writer.write(pcm16(x))) });
  if (!writer || !digest) return { ...heard, sha1: null };
  await writer.close();
  return { ...heard, sha1: hex(await digest.digest) };
}
