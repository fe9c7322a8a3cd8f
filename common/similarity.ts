// The one definition of the duplicate classes, used by the catalog's duplicate check
// (worker-api/duplicates) and by `earshot dedupe`.
import type { SimilarityClass } from './api-types';

/** `similarity`: share of a track's hashes found at one consistent offset in another. */
export function similarityClass(similarity: number): SimilarityClass {
  if (similarity >= 0.95) return 'identical';
  if (similarity >= 0.8) return 'same_recording';
  if (similarity >= 0.6) return 'related_version';
  return 'different';
}
