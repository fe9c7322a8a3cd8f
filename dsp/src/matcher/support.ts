// The hashes' word on an answer of the band envelope (docs/engine.md "The recording, not the
// arrangement"). The envelope hears an arrangement's form, so a remix or another version that
// keeps the form matches as well as the recording does (six clips of an unindexed remix were
// named its original at 0.997-1.0). Only the recording has the original's exact peaks at the
// envelope's alignment, so the answer also needs the query's anchors there: how many found a
// posting of the named track within +-`tolerance` frames of its offset, against how many a
// version (chance, for the hashes) would find there given all of the track's postings that
// the query read, spread evenly over the track.
import type { HashBatch } from '../types';
import { logPoissonTail } from './confidence';
import type { Postings } from './types';

/** A pass's records and the postings they read. */
export interface Reading {
  batch: HashBatch;
  postings: Postings;
}

export interface Support {
  /** Distinct query anchors (record times) with a posting at the offset. */
  anchors: number;
  /** P(a version gives at least that many): the answer's confidence is at most 1 - chance. */
  chance: number;
}

/**
 * The support of (track, offset) in `readings`. Every posting of the track read counts
 * towards the chance rate, once per reading: passes that read the same records again make
 * the rate higher, never lower (conservative).
 */
export function supportOf(readings: readonly Reading[], track: number, offset: number, trackFrames: number, tolerance: number): Support {
  const anchors = new Set<number>();
  let read = 0;
  for (const { batch, postings } of readings) {
    const where = new Map<number, number>();
    for (let i = 0; i < postings.hashes.length; i++) where.set(postings.hashes[i], i);
    for (let r = 0; r < batch.hash.length; r++) {
      // as heard only: the envelope's offset is the as-heard alignment
      if (batch.hyp[r] !== 0) continue;
      const i = where.get(batch.hash[r]);
      if (i === undefined) continue;
      for (let p = postings.start[i]; p < postings.start[i + 1]; p++) {
        if (postings.track[p] !== track) continue;
        read++;
        if (Math.abs(postings.t[p] - batch.t[r] - offset) <= tolerance) anchors.add(batch.t[r]);
      }
    }
  }
  const lambda = (read * (2 * tolerance + 1)) / Math.max(trackFrames, 1);
  return { anchors: anchors.size, chance: Math.exp(logPoissonTail(anchors.size, lambda)) };
}
