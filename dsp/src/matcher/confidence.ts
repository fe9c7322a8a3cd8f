// Calibrated confidence from the null hypothesis "these votes are chance": each posting
// of a query hash falls into a random (track, offset) cell, so a cell's votes are
// Poisson with mean lambda = (postings x window) / cells. The best of all cells (and of
// all hypotheses searched) reaching `score` by chance has probability ~ 1 - exp(-E),
// E = cells x hypotheses x P(Poisson(lambda) >= score). That reads the same for a 3 s and a
// 15 s query and for 100 or 1M tracks: longer queries and bigger catalogs raise lambda
// and the number of cells, so they need more votes for the same confidence.

/** log P(X >= k) for X ~ Poisson(lambda). */
export function logPoissonTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  // first term of the tail in log space, then the series sum_j lambda^j / ((k+1)...(k+j))
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let sum = 1;
  let ratio = 1;
  for (let j = 1; j < 200; j++) {
    ratio *= lambda / (k + j);
    sum += ratio;
    if (ratio < 1e-12 * sum) break;
  }
  logTerm += Math.log(sum);
  return Math.min(0, logTerm);
}

const lfCache: number[] = [0];
function logFactorial(n: number): number {
  for (let i = lfCache.length; i <= n; i++) lfCache[i] = lfCache[i - 1] + Math.log(i);
  return lfCache[n];
}

export interface NullModel {
  /** Expected chance votes in one cell. */
  lambda: number;
  /** Independent cells searched (tracks x offsets x hypotheses). */
  cells: number;
}

/**
 * Confidence that `score` aligned votes are not chance. `inflation` widens lambda to
 * cover what the Poisson model ignores (self-similar music, popular hashes).
 */
export function confidenceOf(score: number, model: NullModel, inflation: number): number {
  const expected = model.cells * Math.exp(logPoissonTail(score, model.lambda * inflation));
  return Math.exp(-expected);
}
