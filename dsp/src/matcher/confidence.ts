// Calibrated confidence, two ways, and the answer takes the more sceptical one.
//
// 1. Poisson: each posting
// of a query hash falls into a random (track, offset) cell, so a cell's votes are
// Poisson with mean lambda = (postings x window) / cells. The best of all cells (and of
// all hypotheses searched) reaching `score` by chance has probability ~ 1 - exp(-E),
// E = sum over hypotheses of cells x P(Poisson(lambda_h) >= score). Each hypothesis has
// its own lambda: the main one reads some 2.3 times the postings of each speed/pitch
// hypothesis (fanout 8 and fuzz 0.25 against 4 and 0.1), so its cells are the likelier
// to reach a score by chance, whichever hypothesis the candidate came from. That reads the same for
// a 3 s and a 15 s query and for 100 or 1M tracks: longer queries and bigger catalogs
// raise lambda and the number of cells, so they need more votes for the same confidence.

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

/**
 * Bonferroni: an answer found on the last of `looks` looks at one query, each of which could
 * have met chance, is as sure as one look's `confidence` would be with the chance multiplied.
 */
export function afterLooks(confidence: number, looks: number): number {
  return Math.max(0, 1 - (1 - confidence) * looks);
}

/** The chance model of one hypothesis' cells. */
export interface NullModel {
  /** Expected chance votes in one cell. */
  lambda: number;
  /** Independent cells searched (tracks x offsets). */
  cells: number;
}

/**
 * Confidence that `score` aligned votes are not chance, over every hypothesis searched.
 * `inflation` widens lambda to cover what the Poisson model ignores (self-similar music,
 * popular hashes).
 */
export function confidenceOf(score: number, models: readonly NullModel[], inflation: number): number {
  let expected = 0;
  for (const m of models) expected += m.cells * Math.exp(logPoissonTail(score, m.lambda * inflation));
  return Math.exp(-expected);
}

/**
 * 2. Empirical tail. Chance votes are not Poisson: songs in the same key share held notes
 * and bass figures, so the tail of chance scores is much heavier. The best scores of
 * this very query in other tracks (per ~8 s block of offsets, so that a catalog of four
 * songs still gives a sample) draw that tail: a geometric tail (Gumbel-like, as extreme
 * values of many cells behave) through the number of blocks reaching the k1-th best score
 * and the number reaching the k2-th, gives the expected number of chance blocks reaching
 * `score`. More tracks and longer queries raise those scores, so the same confidence means
 * the same thing for 3 s and 15 s, 100 or 1M tracks. `blocks[s]` is the number of chance
 * blocks whose best score is s.
 *
 * Counted, not ranked: sparse votes (`fp_version` 5 halved the postings a hash meets) tie
 * the ranks. With the 2nd to 10th best blocks all at 6, ranks read "6 is reached twice and
 * each vote past it is 5x rarer" where the sample says a dozen blocks reach 6 and a few
 * dozen reach 5; 10 votes came out at 0.997 and were chance (4 of 1,600 negatives). When the
 * k1-th and k2-th scores tie, the slope is read down to the next score that more blocks reach.
 */
export function tailConfidence(score: number, blocks: readonly number[], k1 = 2, k2 = 10): number | null {
  const reaching: number[] = new Array<number>(blocks.length + 1).fill(0);
  for (let s = blocks.length - 1; s >= 0; s--) reaching[s] = reaching[s + 1] + blocks[s];
  if (reaching[0] < k2) return null;
  let a = blocks.length - 1;
  while (reaching[a] < k1) a--;
  let b = a;
  while (b > 0 && (reaching[b] < k2 || reaching[b] === reaching[a])) b--;
  // no lower score that more blocks reach (every block at a: a few songs that share
  // nothing): no tail to read, so the k1-th block is taken at a and each vote past it as
  // k2/k1 times rarer
  if (reaching[b] === reaching[a]) return Math.exp(-k1 * Math.exp(-Math.log(k2 / k1) * (score - a)));
  // never steeper than ranks k1 and k2 one vote apart: the step from no votes to one says
  // how often a block is voted for at all, not how the tail falls
  const slope = Math.min(Math.log(reaching[b] / reaching[a]) / (a - b), Math.log(k2 / k1));
  const expected = reaching[a] * Math.exp(-slope * (score - a));
  return Math.exp(-expected);
}
