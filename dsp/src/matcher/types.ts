/**
 * The postings of a set of hashes, as any index (in memory, D1 shards) returns them:
 * for the i-th distinct queried hash, entries start[i] .. start[i+1] of track/t.
 */
export interface Postings {
  hashes: Uint32Array;
  start: Uint32Array;
  track: Int32Array;
  t: Int32Array;
}

/** Size of the indexed catalog, for calibrating confidence. */
export interface CatalogSize {
  tracks: number;
  /** Sum over tracks of their length in engine frames. */
  frames: number;
}

/** An index the matcher can query: the in-memory one (benchmarks, CLI) or D1 shards (API). */
export interface HashIndex {
  /** `hashes` sorted ascending and distinct. */
  lookup(hashes: Uint32Array): Promise<Postings> | Postings;
  size(): CatalogSize | Promise<CatalogSize>;
  /** The tracks' stored band envelopes (dsp/src/envelope), where the index keeps them. */
  envelopes?(tracks: number[]): Promise<Map<number, Uint8Array>> | Map<number, Uint8Array>;
}

export interface Candidate {
  track: number;
  /** Aligned votes (offset +-1 frame). */
  score: number;
  /** Probability that chance alone gives the best random cell this many votes is 1 - confidence. */
  confidence: number;
  /** Where in the track the query starts (engine frames), and the hypothesis that matched. */
  offset: number;
  hyp: number;
  /** That hypothesis read as playback: speed against the catalog (1.03: 3 % fast) and pitch factor. */
  speed: number;
  pitch: number;
}

export type MatchStatus = 'match' | 'no_match' | 'need_more';

/** What named the answer: the hashes' aligned votes, or the band envelope (verify.ts). */
export const MATCH_EVIDENCE = ['hashes', 'envelope'] as const;
export type MatchEvidence = (typeof MATCH_EVIDENCE)[number];
