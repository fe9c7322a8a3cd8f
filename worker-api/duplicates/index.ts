// Is this audio already in the catalog? The matcher finds the best tracks and offsets for
// the new track's own hashes; each candidate's alignment is then measured both ways (the
// share of the new track's records it holds, and how much of each recording it covers)
// and classed by common/similarity.ts, as `earshot dedupe` classes files.
import { Alignments, frameSeconds, match, presets, SEGMENT_FRAMES, type HashIndex, type Postings } from '../../dsp/src/index';
import type { DuplicateOf } from '../../common/api-types';
import { CLASS_RANK, similarityClass } from '../../common/similarity';
import { readyRecords, toMeta } from '../catalog';

/**
 * Records the check looks at: an evenly spread sample estimates the share to about +-1 %
 * (binomial), and a 4-minute track's ~7k records would cost 3.5x the lookups.
 */
const SAMPLE = 2000;
const FRAME_S = frameSeconds(presets.index);

/** An even sample, and the segment length that keeps its records per segment as dense as the whole. */
function sample(hash: Uint32Array, t: Int32Array): { hash: Uint32Array; t: Int32Array; segment: number } {
  if (hash.length <= SAMPLE) return { hash, t, segment: SEGMENT_FRAMES };
  const step = hash.length / SAMPLE;
  const pick = Array.from({ length: SAMPLE }, (_, i) => Math.floor(i * step));
  return { hash: Uint32Array.from(pick, (i) => hash[i]), t: Int32Array.from(pick, (i) => t[i]), segment: Math.ceil(SEGMENT_FRAMES * step) };
}

/** The most similar ready track, or null when nothing is more than 'different'. */
export async function findDuplicate(catalog: D1Database, index: HashIndex, allHash: Uint32Array, allT: Int32Array): Promise<DuplicateOf | null> {
  const { hash, t, segment } = sample(allHash, allT);
  const batch = { hash, t, hyp: new Uint8Array(hash.length) };
  let postings: Postings | null = null;
  // keep the postings the matcher reads: the coverage needs them again
  const recording: HashIndex = {
    size: () => index.size(),
    lookup: async (h) => (postings = await index.lookup(h)),
  };
  const result = await match(recording, batch, { hypotheses: 'none', tolerance: 0 });
  if (!postings) return null;
  const records = await readyRecords(catalog, result.candidates.map((c) => c.track));
  let best: DuplicateOf | null = null;
  let bestRank = -1;
  const alignments = new Alignments(batch, postings);
  for (const c of result.candidates) {
    const track = records.get(c.track);
    if (!track) continue;
    const cov = alignments.coverage(c, Math.max(1, Math.round(track.duration_s / FRAME_S / segment)), segment);
    const cls = similarityClass({ share: cov.share, coverageA: cov.query, coverageB: cov.track, speed: 1, pitch: 1 });
    const rank = CLASS_RANK[cls] * 10 + cov.share;
    if (rank > bestRank) {
      bestRank = rank;
      best = { track: toMeta(track), similarity: Math.round(cov.share * 1000) / 1000, class: cls, coverage: { new: round(cov.query), existing: round(cov.track) } };
    }
  }
  return best && best.class !== 'different' ? best : null;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
