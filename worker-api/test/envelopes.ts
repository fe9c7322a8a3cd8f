// Synthetic tracks with band envelopes, and queries the hashes alone cannot name: the
// envelope's tests through the API and the radio monitor's.
import type { IngestRequest } from '../../common/api-types';
import { ENVELOPE_VERSION } from '../../dsp/src/index';
import { ENVELOPE_SECONDS as SECONDS, levels } from '../../dsp/testing/index';
import { base64url as b64 } from '../encoding';
import { syntheticHashes, track } from './fixtures';

export const withEnvelope = (seed: number, over: Partial<IngestRequest> = {}) => track(seed, { envelope: { version: ENVELOPE_VERSION, data: b64(levels(seed)) }, ...over });

/** Too few records of each track to name one: 3 aligned records of `seed`, 2 of every other track. */
export function weakHashes(seed: number, startFrame: number, others: number[]) {
  const pick = (s: number, n: number, aligned: boolean) => {
    const full = syntheticHashes(s, SECONDS);
    const idx = full.t.map((t, i) => [t, i]).filter(([t]) => t >= startFrame && t < startFrame + 300).slice(0, n);
    return idx.map(([t, i]) => [full.hash[i], aligned ? t - startFrame : (t * 7) % 300] as const);
  };
  const rec = [...pick(seed, 3, true), ...others.flatMap((s) => pick(s, 2, false))];
  return { hash: Uint32Array.from(rec, ([h]) => h), t: Int32Array.from(rec, ([, t]) => t), hyp: new Uint8Array(rec.length) };
}
