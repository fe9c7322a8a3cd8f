// The records of a whole file do not fit one identify body (256 KB): keep the earliest
// ones, every hypothesis of a moment together, which is what a listener would send.
import type { HashBatch } from '../../dsp/src/index';
import { WIRE_HEADER_BYTES, WIRE_RECORD_BYTES } from '../../common/wire';

export const IDENTIFY_MAX_BYTES = 256 * 1024;
export const MAX_RECORDS = Math.floor((IDENTIFY_MAX_BYTES - WIRE_HEADER_BYTES) / WIRE_RECORD_BYTES);

export function earliest(b: HashBatch, max = MAX_RECORDS): HashBatch {
  if (b.hash.length <= max) return b;
  const order = Array.from(b.t.keys()).sort((i, j) => b.t[i] - b.t[j]).slice(0, max);
  return { hash: Uint32Array.from(order, (i) => b.hash[i]), t: Int32Array.from(order, (i) => b.t[i]), hyp: Uint8Array.from(order, (i) => b.hyp[i]) };
}
