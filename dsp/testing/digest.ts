import type { HashBatch } from '../src/types';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv(h: number, v: number): number {
  for (let k = 0; k < 4; k++) {
    h ^= (v >>> (8 * k)) & 0xff;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}

/** FNV-1a over every record: two engines agree on a batch iff they agree on this. */
export function batchDigest(b: HashBatch): string {
  let h = FNV_OFFSET;
  for (let i = 0; i < b.hash.length; i++) h = fnv(fnv(fnv(h, b.hash[i]), b.t[i]), b.hyp[i]);
  return `${b.hash.length}:${h.toString(16)}`;
}

/** FNV-1a over the samples' bits: tells a changed fixture from a changed engine. */
export function samplesDigest(samples: Float32Array): string {
  const bits = new Uint32Array(samples.buffer, samples.byteOffset, samples.length);
  let h = FNV_OFFSET;
  for (let i = 0; i < bits.length; i++) h = fnv(h, bits[i]);
  return `${samples.length}:${h.toString(16)}`;
}

/** FNV-1a over bytes: a stored envelope. */
export function bytesDigest(bytes: Uint8Array): string {
  let h = FNV_OFFSET;
  for (const b of bytes) h = Math.imul(h ^ b, FNV_PRIME) >>> 0;
  return `${bytes.length}:${h.toString(16)}`;
}
