// What one progressive identify request carries. The body limit (256 KB) holds ~29k
// records; the query preset emits ~7x more records with its speed/pitch/tempo hypotheses
// than as heard (a 10 s clip: 31k, 4.6k of them as heard), so past ~9 s not all fit.
// So: every as-heard (hyp 0) record so far, then hypothesis records from the
// newest audio backwards while they fit. Batches arrive in time order, so "newest" is
// "last pushed".
import type { HashBatch } from '../../../dsp/src/types';
import { WIRE_HEADER_BYTES, WIRE_RECORD_BYTES } from '../../../common/wire';

/** The API's identify body limit. */
export const IDENTIFY_BODY_LIMIT = 256 * 1024;

export function maxRecords(bodyBytes: number): number {
  return Math.max(0, Math.floor((bodyBytes - WIRE_HEADER_BYTES) / WIRE_RECORD_BYTES));
}

/** Picks records from `batches` (oldest first) for a body of at most `bodyBytes`. */
export function selectRecords(batches: readonly HashBatch[], bodyBytes = IDENTIFY_BODY_LIMIT): HashBatch {
  const budget = maxRecords(bodyBytes);
  let heard = 0;
  for (const b of batches) for (const y of b.hyp) if (y === 0) heard++;
  // a very long capture keeps its newest as-heard records only
  let keepHeard = Math.min(heard, budget);
  let keepOther = budget - keepHeard;
  const picked: Array<{ b: HashBatch; i: number }> = [];
  for (let k = batches.length - 1; k >= 0; k--) {
    const b = batches[k];
    for (let i = b.hyp.length - 1; i >= 0; i--) {
      if (b.hyp[i] === 0 ? keepHeard-- > 0 : keepOther-- > 0) picked.push({ b, i });
    }
  }
  const n = picked.length;
  const out = { hash: new Uint32Array(n), t: new Int32Array(n), hyp: new Uint8Array(n) };
  // restore time order (picked runs newest first)
  for (let j = 0; j < n; j++) {
    const { b, i } = picked[n - 1 - j];
    out.hash[j] = b.hash[i];
    out.t[j] = b.t[i];
    out.hyp[j] = b.hyp[i];
  }
  return out;
}
