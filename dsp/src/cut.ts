// A time window of a query's records, as if only that stretch had been heard: records of
// hypothesis h carry t scaled by its time factor, so the window is scaled the same way.
import type { EngineConfig } from './config';
import type { HashBatch } from './types';

/** Records whose as-heard anchor lies in [fromFrame, toFrame), re-timed to start at 0. */
export function cutBatch(b: HashBatch, fromFrame: number, toFrame: number, config: EngineConfig): HashBatch {
  const keep: number[] = [];
  for (let i = 0; i < b.hash.length; i++) {
    const heard = b.t[i] / config.hypotheses[b.hyp[i]][0];
    if (heard >= fromFrame && heard < toFrame) keep.push(i);
  }
  const out = { hash: new Uint32Array(keep.length), t: new Int32Array(keep.length), hyp: new Uint8Array(keep.length) };
  keep.forEach((i, k) => {
    out.hash[k] = b.hash[i];
    out.t[k] = b.t[i] - Math.round(fromFrame * config.hypotheses[b.hyp[i]][0]);
    out.hyp[k] = b.hyp[i];
  });
  return out;
}
