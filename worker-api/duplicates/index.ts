// Is this audio already in the catalog? The matcher finds the best track and offset for
// the new track's own hashes; the similarity is then the share of those hashes that the
// candidate holds at that offset (+-1 frame), which is 1 for the same file and falls with
// re-encoding, edits and remasters.
import { match, type HashIndex, type Postings } from '../../dsp/src/index';
import type { DuplicateOf, SimilarityClass } from '../../common/api-types';
import { readyMetas } from '../catalog';

export function similarityClass(similarity: number): SimilarityClass {
  if (similarity >= 0.95) return 'identical';
  if (similarity >= 0.8) return 'same_recording';
  if (similarity >= 0.6) return 'related_version';
  return 'different';
}

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

/** The most similar ready track, or null when nothing reaches 'related_version'. */
export async function findDuplicate(catalog: D1Database, index: HashIndex, hash: Uint32Array, t: Int32Array): Promise<DuplicateOf | null> {
  let postings: Postings | null = null;
  // keep the postings the matcher reads: the similarity needs them again
  const recording: HashIndex = {
    size: () => index.size(),
    lookup: async (h) => (postings = await index.lookup(h)),
  };
  const result = await match(recording, { hash, t, hyp: new Uint8Array(hash.length) }, { hypotheses: 'none' });
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
