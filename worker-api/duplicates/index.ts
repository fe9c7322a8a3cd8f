// Is this audio already in the catalog? The matcher finds the best track and offset for
// the new track's own hashes; the similarity is then the share of those hashes that the
// candidate holds at that offset (+-1 frame), which is 1 for the same file and falls with
// re-encoding, edits and remasters.
import { match, type HashIndex, type Postings } from '../../dsp/src/index';
import type { DuplicateOf } from '../../common/api-types';
import { similarityClass } from '../../common/similarity';
import { readyMetas } from '../catalog';

/** Share of records (hash, t) with a posting of `track` at t + offset +- 1. */
function alignedShare(hash: Uint32Array, t: Int32Array, postings: Postings, track: number, offset: number): number {
  const pos = new Map<number, number>();
  postings.hashes.forEach((h, i) => pos.set(h, i));
  let hits = 0;
  for (let r = 0; r < hash.length; r++) {
    const i = pos.get(hash[r]);
    if (i === undefined) continue;
    for (let p = postings.start[i]; p < postings.start[i + 1]; p++) {
      if (postings.track[p] === track && Math.abs(postings.t[p] - t[r] - offset) <= 1) {
        hits++;
        break;
      }
    }
  }
  return hash.length === 0 ? 0 : hits / hash.length;
}

/**
 * Records the check looks at: an evenly spread sample estimates the share to about +-1 %
 * (binomial), and a 4-minute track's ~7k records would cost 3.5x the lookups.
 */
const SAMPLE = 2000;

function sample(hash: Uint32Array, t: Int32Array): { hash: Uint32Array; t: Int32Array } {
  if (hash.length <= SAMPLE) return { hash, t };
  const step = hash.length / SAMPLE;
  const pick = Array.from({ length: SAMPLE }, (_, i) => Math.floor(i * step));
  return { hash: Uint32Array.from(pick, (i) => hash[i]), t: Int32Array.from(pick, (i) => t[i]) };
}

/** The most similar ready track, or null when nothing reaches 'related_version'. */
export async function findDuplicate(catalog: D1Database, index: HashIndex, allHash: Uint32Array, allT: Int32Array): Promise<DuplicateOf | null> {
  const { hash, t } = sample(allHash, allT);
  let postings: Postings | null = null;
  // keep the postings the matcher reads: the similarity needs them again
  const recording: HashIndex = {
    size: () => index.size(),
    lookup: async (h) => (postings = await index.lookup(h)),
  };
  const result = await match(recording, { hash, t, hyp: new Uint8Array(hash.length) }, { hypotheses: 'none', tolerance: 0 });
  if (!postings) return null;
  const metas = await readyMetas(catalog, result.candidates.map((c) => c.track));
  let best: DuplicateOf | null = null;
  for (const c of result.candidates) {
    const track = metas.get(c.track);
    if (!track) continue;
    const similarity = alignedShare(hash, t, postings, c.track, c.offset);
    if (!best || similarity > best.similarity) best = { track, similarity: Math.round(similarity * 1000) / 1000, class: similarityClass(similarity) };
  }
  return best && best.class !== 'different' ? best : null;
}
