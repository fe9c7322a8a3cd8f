// Dedupe keeps a fixed pseudo-random subset of hash values, the same for every file, so
// the index of 10k files fits in memory (~440 records for a 4-minute track at 1 in 16)
// while the share of records two files have in common, the similarity, stays unbiased.
const GOLDEN = 0x9e3779b1;

/** 1 in `every` for `files` files: exact up to 500 files, then thinner, at most 1 in 16. */
export function samplingFor(files: number): number {
  let every = 1;
  while (every < 16 && files > 500 * every) every *= 2;
  return every;
}

export function sampleRecords(hash: Uint32Array, t: Int32Array, every: number): { hash: Uint32Array; t: Int32Array } {
  if (every === 1) return { hash, t };
  const limit = 2 ** 32 / every;
  const keep: number[] = [];
  for (let i = 0; i < hash.length; i++) if (Math.imul(hash[i], GOLDEN) >>> 0 < limit) keep.push(i);
  return { hash: Uint32Array.from(keep, (i) => hash[i]), t: Int32Array.from(keep, (i) => t[i]) };
}
