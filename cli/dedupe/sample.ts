// Dedupe keeps a fixed pseudo-random subset of hash values, the same for every file, so
// the index of 10k files fits in memory (~440 as-heard records for a 4-minute track at
// 1 in 16) while the share of records two files have in common stays unbiased. The speed
// and pitch hypotheses' records, some 20 times as many, are kept 2 times thinner still: a
// whole track at another speed still gives them votes enough.
import type { HashBatch } from '../../dsp/src/index';

const GOLDEN = 0x9e3779b1;
const HYPOTHESES_THINNER = 2;

/** 1 in `every` for `files` files: exact up to 500 files, then thinner, at most 1 in 16. */
export function samplingFor(files: number): number {
  let every = 1;
  while (every < 16 && files > 500 * every) every *= 2;
  return every;
}

export function sampleBatch(b: HashBatch, every: number): HashBatch {
  const keep: number[] = [];
  for (let i = 0; i < b.hash.length; i++) {
    const rate = b.hyp[i] === 0 ? every : every * HYPOTHESES_THINNER;
    if (rate === 1 || Math.imul(b.hash[i], GOLDEN) >>> 0 < 2 ** 32 / rate) keep.push(i);
  }
  return { hash: Uint32Array.from(keep, (i) => b.hash[i]), t: Int32Array.from(keep, (i) => b.t[i]), hyp: Uint8Array.from(keep, (i) => b.hyp[i]) };
}
