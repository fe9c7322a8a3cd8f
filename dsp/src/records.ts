// Operations on hash batches as a whole: joining them, and choosing what of a capture goes
// into one question when not all of it fits (time windows of a batch: cut.ts).
import { hypothesisOf } from './hash';
import type { HashBatch } from './types';

export function concatBatches(batches: readonly HashBatch[]): HashBatch {
  const n = batches.reduce((s, b) => s + b.hash.length, 0);
  const out = { hash: new Uint32Array(n), t: new Int32Array(n), hyp: new Uint8Array(n) };
  let o = 0;
  for (const b of batches) {
    out.hash.set(b.hash, o);
    out.t.set(b.t, o);
    out.hyp.set(b.hyp, o);
    o += b.hash.length;
  }
  return out;
}

/**
 * At most `budget` records of `batches` (oldest first), in time order. The query preset
 * emits ~7x more records with its speed/pitch/tempo hypotheses than as heard (a 10 s clip:
 * 31k, 4.6k of them as heard), so an identify body (~29k records) holds ~8 s of all of
 * them: every as-heard record is kept, then hypothesis records from the newest audio
 * backwards while they fit; a very long capture keeps its newest as-heard records only.
 */
export function fitRecords(batches: readonly HashBatch[], budget: number): HashBatch {
  let heard = 0;
  for (const b of batches) for (const y of b.hyp) if (hypothesisOf(y) === 0) heard++;
  let keepHeard = Math.min(heard, budget);
  let keepOther = budget - keepHeard;
  const picked: Array<{ b: HashBatch; i: number }> = [];
  for (let k = batches.length - 1; k >= 0; k--) {
    const b = batches[k];
    for (let i = b.hyp.length - 1; i >= 0; i--) {
      if (hypothesisOf(b.hyp[i]) === 0 ? keepHeard-- > 0 : keepOther-- > 0) picked.push({ b, i });
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
