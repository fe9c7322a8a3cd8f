// Blobs kept per track (the catalog's band envelopes, the R2 lists of a track's hashes) are
// stored deflated: deflate takes about 30 % off each, and the envelopes count against the
// index's 2 MB an hour (docs/scale.md). A catalog row says how its blob is coded, so the
// rows written before stay readable.
import { BLOB_CODING } from './coding';

export { BLOB_CODING };

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/** A blob as it is stored: deflated. */
export function deflated(bytes: Uint8Array): Promise<Uint8Array> {
  return through(bytes, new CompressionStream('deflate-raw'));
}

/** A stored blob's bytes as they were written; throws when a deflated one is corrupt. */
export async function inflated(coding: number, data: ArrayBuffer | number[]): Promise<Uint8Array> {
  const bytes = new Uint8Array(data);
  if (coding === BLOB_CODING.raw) return bytes;
  if (coding === BLOB_CODING.deflateRaw) return through(bytes, new DecompressionStream('deflate-raw'));
  throw new Error(`blob coding ${coding} unknown to this build`);
}
