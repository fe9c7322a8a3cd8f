// A time window of a query's records, as if only that stretch had been heard: records of
// hypothesis h carry t scaled by its time factor, so the window is scaled the same way.
import type { EngineConfig } from './config';
import { hypothesisOf } from './hash';
import type { HashBatch } from './types';

/** Records whose as-heard anchor lies in [fromFrame, toFrame), times unchanged. */
export function selectBatch(b: HashBatch, fromFrame: number, toFrame: number, config: EngineConfig): HashBatch {
  const keep: number[] = [];
  for (let i = 0; i < b.hash.length; i++) {
    const heard = b.t[i] / config.hypotheses[hypothesisOf(b.hyp[i])][0];
    if (heard >= fromFrame && heard < toFrame) keep.push(i);
  }
  return { hash: Uint32Array.from(keep, (i) => b.hash[i]), t: Int32Array.from(keep, (i) => b.t[i]), hyp: Uint8Array.from(keep, (i) => b.hyp[i]) };
}

/** Records whose as-heard anchor lies in [fromFrame, toFrame), re-timed to start at 0. */
export function cutBatch(b: HashBatch, fromFrame: number, toFrame: number, config: EngineConfig): HashBatch {
  const out = selectBatch(b, fromFrame, toFrame, config);
  for (let k = 0; k < out.t.length; k++) out.t[k] -= Math.round(fromFrame * config.hypotheses[hypothesisOf(out.hyp[k])][0]);
  return out;
}
