// The files under comparison: each one's sampled records, its as-heard records in one
// MemoryIndex, and how many coverage segments it holds.
import { MemoryIndex, presets, segmentsHeld, SEGMENT_FRAMES, type HashBatch } from '../../dsp/src/index';
import type { AudioSignature } from '../../common/similarity';
import { sampleBatch } from './sample';
import { similarTracks, type Similar } from './similarity';

/** Fingerprint overrides for every file: the index preset, under the query's hypotheses. */
export const WITH_HYPOTHESES = { hypotheses: presets.query.hypotheses };

export class Library {
  private index = new MemoryIndex();
  private batches = new Map<number, HashBatch>();
  private segments: number[] = [];
  private audio: AudioSignature[] = [];
  /** A thinner sample needs longer segments to hold as many records (dsp coverage.ts). */
  readonly segment: number;

  constructor(private every: number) {
    this.segment = SEGMENT_FRAMES * Math.max(1, every / 4);
  }

  /** File `i`'s records (index preset under the query's hypotheses), length in frames, and its decoded audio. */
  add(i: number, records: HashBatch, frames: number, audio: AudioSignature): void {
    this.audio[i] = audio;
    const batch = sampleBatch(records, this.every);
    const keep = (_: number, r: number) => batch.hyp[r] === 0;
    const t = batch.t.filter(keep);
    this.index.add(i, batch.hash.filter(keep), t, frames);
    this.segments[i] = segmentsHeld(t, this.segment);
    this.batches.set(i, batch);
  }

  /** The other files that resemble file `i`. */
  async similar(i: number): Promise<Similar[]> {
    const batch = this.batches.get(i);
    if (!batch || batch.hash.length === 0) return [];
    return similarTracks(this.index, i, batch, { segments: this.segments, segment: this.segment, audio: this.audio });
  }
}
