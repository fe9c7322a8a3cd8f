// The query's envelope: its steps pooled at every phase of a block (a room and the clip's
// cut put the query anywhere against the stored blocks), each phase centred per block
// and per band and scaled to unit norm, so a dot product with a window of stored blocks
// over that window's own spread is a Pearson r.
import { ENVELOPE } from '../config';
import { centreBlocks, pooledDb } from './pool';

export interface QueryEnvelope {
  /** ENVELOPE.blockSteps phases, each `blocks` x bands; phase p starts at step p. */
  phases: Float32Array[];
  blocks: number;
  /** The query's frame (its records' time axis) at which phase 0's first block starts. */
  firstFrame: number;
}

/** A query's envelope steps as heard: the first of them is step `firstStep` of its records' time axis. */
export interface HeardSteps {
  steps: Float32Array;
  firstStep: number;
}

/** Steps a query's envelope is searched over at most: its last ENVELOPE.queryBlocks blocks at every phase. */
export const QUERY_STEPS = (ENVELOPE.queryBlocks + 1) * ENVELOPE.blockSteps;

/** The last QUERY_STEPS of `heard` and the step they start at: what the matcher searches. */
export function searchedSteps(heard: HeardSteps): HeardSteps {
  const from = Math.max(0, heard.steps.length / ENVELOPE.bands - QUERY_STEPS);
  return { steps: heard.steps.subarray(from * ENVELOPE.bands), firstStep: heard.firstStep + from };
}

/**
 * `all`: the query's steps, the first of them step `firstStep` of its records' time axis (a
 * capture that kept only its last steps, or a window of a stream, does not start at 0).
 */
export function queryEnvelope(all: Float32Array, firstStep = 0): QueryEnvelope {
  const nb = ENVELOPE.bands;
  const searched = searchedSteps({ steps: all, firstStep });
  const steps = searched.steps;
  const pooled = Array.from({ length: ENVELOPE.blockSteps }, (_, p) => centreBlocks(pooledDb(steps, p)));
  const blocks = Math.min(...pooled.map((x) => x.length / nb));
  const phases = pooled.map((x) => {
    const q = x.slice(0, blocks * nb);
    for (let b = 0; b < nb; b++) {
      let m = 0;
      for (let k = 0; k < blocks; k++) m += q[k * nb + b];
      m /= blocks;
      for (let k = 0; k < blocks; k++) q[k * nb + b] -= m;
    }
    let norm = 0;
    for (const v of q) norm += v * v;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < q.length; i++) q[i] *= inv;
    return q;
  });
  return { phases, blocks, firstFrame: searched.firstStep * ENVELOPE.stepFrames };
}
