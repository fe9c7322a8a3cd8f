import type { HashBatch } from './types';

/** FNV-1a over every record: two engines agree on a batch iff they agree on this. */
export function batchDigest(b: HashBatch): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    for (let k = 0; k < 4; k++) {
      h ^= (v >>> (8 * k)) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  for (let i = 0; i < b.hash.length; i++) {
    mix(b.hash[i]);
    mix(b.t[i]);
    mix(b.hyp[i]);
  }
  return `${b.hash.length}:${h.toString(16)}`;
}
