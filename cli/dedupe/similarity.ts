// How much of one file is in another: the matcher proposes (track, offset, hypothesis)
// candidates for the file's records; each alignment is then measured both ways (coverage
// of each file, share of records) and classed by common/similarity.ts, the definition the
// catalog's duplicate check (worker-api/duplicates) uses too.
import { Alignments, balanceShift, frameSeconds, match, presets, type BalanceShift, type HashBatch, type HashIndex, type MemoryIndex, type Postings } from '../../dsp/src/index';
import type { SimilarityClass } from '../../common/api-types';
import { CLASS_RANK, sameAudio, similarityClass, type AudioSignature } from '../../common/similarity';

export interface Similar {
  track: number;
  class: SimilarityClass;
  /** Share of this file's records the alignment holds. */
  similarity: number;
  /** Share of each file's audio the alignment covers: this file's, the other's. */
  coverage: [number, number];
  /** Where this file starts in the other (engine frames), and at what speed and pitch it plays against it. */
  offset: number;
  speed: number;
  pitch: number;
  /** How far this file's bass and treble sit from the other's where they overlap (dB). */
  balance: BalanceShift;
}

/** Seconds per engine frame of the index preset dedupe fingerprints with. */
export const FRAME_S = frameSeconds(presets.index);

const round = (x: number) => Math.round(x * 1000) / 1000;

function without(p: Postings, track: number): Postings {
  const start = new Uint32Array(p.start.length);
  const keep: number[] = [];
  for (let i = 0; i < p.hashes.length; i++) {
    start[i] = keep.length;
    for (let k = p.start[i]; k < p.start[i + 1]; k++) if (p.track[k] !== track) keep.push(k);
  }
  start[p.hashes.length] = keep.length;
  return { hashes: p.hashes, start, track: Int32Array.from(keep, (k) => p.track[k]), t: Int32Array.from(keep, (k) => p.t[k]) };
}

/** What is known of every indexed file: segments holding records (`segment` frames each, coverage.ts), its decoded audio. */
export interface Files {
  segments: ArrayLike<number>;
  segment: number;
  audio: ArrayLike<AudioSignature>;
}

/**
 * The other files that resemble `self` (its records `batch`, every hypothesis), most
 * similar first. As heard first; when nothing there is the same recording, again under
 * every speed/pitch hypothesis: a copy 4 % fast still shares many short-gap hashes as
 * heard, enough for a confident but drifting alignment that covers a stretch of it only.
 */
export async function similarTracks(index: MemoryIndex, self: number, batch: HashBatch, files: Files, top = 40): Promise<Similar[]> {
  const best = new Map<number, Similar>();
  for (const hypotheses of ['none', 'all'] as const) {
    for (const s of await alignedTracks(index, self, batch, files, hypotheses, top)) {
      const known = best.get(s.track);
      if (!known || CLASS_RANK[s.class] > CLASS_RANK[known.class]) best.set(s.track, s);
    }
    if ([...best.values()].some((s) => CLASS_RANK[s.class] >= CLASS_RANK.same_recording)) break;
  }
  return [...best.values()].sort((x, y) => y.similarity - x.similarity);
}

async function alignedTracks(index: MemoryIndex, self: number, batch: HashBatch, files: Files, hypotheses: 'none' | 'all', top: number): Promise<Similar[]> {
  let postings: Postings | null = null;
  // Without its own postings: a file always matches itself. The last lookup reads every
  // hash the candidates came from: the coverage reads it again.
  const recording: HashIndex = { size: () => index.size(), lookup: (h) => (postings = without(index.lookup(h), self)) };
  const result = await match(recording, batch, { tolerance: 0, top: top + 1, hypotheses });
  const found: Similar[] = [];
  if (!postings) return found;
  const alignments = new Alignments(batch, postings);
  for (const c of result.candidates) {
    const cov = alignments.coverage(c, files.segments[c.track], files.segment);
    const speed = round(c.speed);
    const pitch = round(c.pitch);
    const [a, b] = [files.audio[self], files.audio[c.track]];
    const balance = balanceShift(a.bands, b.bands, c.offset * FRAME_S);
    const cls = similarityClass({ share: cov.share, coverageA: cov.query, coverageB: cov.track, speed, pitch, sameAudio: sameAudio(a, b, cov.share), balance });
    if (cls === 'different') continue;
    found.push({ track: c.track, class: cls, similarity: round(cov.share), coverage: [round(cov.query), round(cov.track)], offset: c.offset, speed, pitch, balance: { bassDb: round(balance.bassDb), trebleDb: round(balance.trebleDb) } });
  }
  return found;
}
