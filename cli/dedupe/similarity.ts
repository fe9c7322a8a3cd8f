// How much of one file is in another: the matcher proposes (track, offset) candidates,
// the similarity is the share of the file's records that the candidate holds at that
// offset +-1 frame: 1 for the same file, lower after re-encoding, edits, remasters.
// The catalog's duplicate check (worker-api/duplicates) uses the same definition and the
// same classes (common/similarity.ts).
import { match, type MemoryIndex } from '../../dsp/src/index';
import type { SimilarityClass } from '../../common/api-types';
import { similarityClass } from '../../common/similarity';

export interface Similar {
  track: number;
  similarity: number;
  class: SimilarityClass;
}

/** The other tracks that resemble `self`'s records, most similar first. */
export async function similarTracks(index: MemoryIndex, self: number, hash: Uint32Array, t: Int32Array, top = 20): Promise<Similar[]> {
  const result = await match(index, { hash, t, hyp: new Uint8Array(hash.length) }, { hypotheses: 'none', tolerance: 0, top: top + 1 });
  const offsets = new Map(result.candidates.filter((c) => c.track !== self).map((c) => [c.track, c.offset]));
  if (offsets.size === 0) return [];
  const distinct = Uint32Array.from(new Set(hash)).sort();
  const postings = index.lookup(distinct);
  const where = new Map<number, number>();
  distinct.forEach((h, i) => where.set(h, i));
  const hits = new Map<number, number>();
  for (let r = 0; r < hash.length; r++) {
    const i = where.get(hash[r])!;
    const found = new Set<number>();
    for (let p = postings.start[i]; p < postings.start[i + 1]; p++) {
      const track = postings.track[p];
      const offset = offsets.get(track);
      if (offset !== undefined && Math.abs(postings.t[p] - t[r] - offset) <= 1) found.add(track);
    }
    for (const track of found) hits.set(track, (hits.get(track) ?? 0) + 1);
  }
  return [...hits]
    .map(([track, n]) => {
      const similarity = Math.round((1000 * n) / hash.length) / 1000;
      return { track, similarity, class: similarityClass(similarity) };
    })
    .filter((s) => s.class !== 'different')
    .sort((a, b) => b.similarity - a.similarity);
}
