// Operations on hash batches as a whole: joining them, and choosing what of a capture goes
// into one question when not all of it fits (time windows of a batch: cut.ts).
import { frameSeconds, HYPOTHESES, presets } from './config';
import { EXTRA_FLAG, hypothesisOf } from './hash';
import type { HashBatch } from './types';

export function concatBatches(batches: readonly HashBatch[]): HashBatch {
  const n = batches.reduce((s, b) => s + b.hash.length, 0);
  const out = { hash: new Uint32Array(n), t: new Int32Array(n), hyp: new Uint8Array(n) };
  let o = 0;
  for (const b of batches) {
    out.hash.set(b.hash, o);
    out.t.set(b.t, o);
    out.hyp.set(b.hyp, o);
    o += b.hash.length;
  }
  return out;
}

/**
 * Seconds of the speed/pitch hypotheses a body keeps before any extra peak's record: the
 * shortest clip the accuracy suite scores (3 s), so a sped-up song is still searched, and
 * half a second for the last anchors, whose zones end with the capture and pair less.
 */
export const HYPOTHESIS_FLOOR_S = 3.5;

/** What a body keeps first: kept as-heard records, the newest hypotheses, extra records, older hypotheses. */
const enum Tier {
  Heard,
  Floor,
  Extra,
  Older,
}

/**
 * At most `budget` records of `batches` (oldest first), in time order. The query preset
 * emits ~5x more records with its speed/pitch/tempo hypotheses than as heard (a 10 s clip:
 * 32k, and 6.8k as heard, 5.5k of its extra peaks'), so an identify body (~29k records)
 * cannot hold a long capture whole. It keeps, in this order while they fit, each tier from
 * the newest audio backwards: every as-heard record of the kept peaks, the hypotheses'
 * records of the newest HYPOTHESIS_FLOOR_S, the extra peaks' records (read only when the
 * rest does not answer), the older hypotheses' records. A very long capture keeps its
 * newest as-heard records only.
 */
export function fitRecords(batches: readonly HashBatch[], budget: number): HashBatch {
  let newest = -Infinity;
  for (const b of batches) for (let i = 0; i < b.hyp.length; i++) if (b.hyp[i] === 0 && b.t[i] > newest) newest = b.t[i];
  const floorFrames = HYPOTHESIS_FLOOR_S / frameSeconds(presets.query);
  // the last floor seconds of each hypothesis' own time axis (its times are heard times x its scale)
  const tierOf = (y: number, t: number): Tier => {
    const h = hypothesisOf(y);
    if (h === 0) return y & EXTRA_FLAG ? Tier.Extra : Tier.Heard;
    return t >= newest * HYPOTHESES[h][0] - floorFrames ? Tier.Floor : Tier.Older;
  };
  const allowed = [0, 0, 0, 0];
  for (const b of batches) for (let i = 0; i < b.hyp.length; i++) allowed[tierOf(b.hyp[i], b.t[i])]++;
  let left = budget;
  for (let k = 0; k < allowed.length; k++) {
    allowed[k] = Math.min(allowed[k], left);
    left -= allowed[k];
  }
  const picked: Array<{ b: HashBatch; i: number }> = [];
  for (let k = batches.length - 1; k >= 0; k--) {
    const b = batches[k];
    for (let i = b.hyp.length - 1; i >= 0; i--) {
      if (allowed[tierOf(b.hyp[i], b.t[i])]-- > 0) picked.push({ b, i });
    }
  }
  const n = picked.length;
  const out = { hash: new Uint32Array(n), t: new Int32Array(n), hyp: new Uint8Array(n) };
  // restore time order (picked runs newest first)
  for (let j = 0; j < n; j++) {
    const { b, i } = picked[n - 1 - j];
    out.hash[j] = b.hash[i];
    out.t[j] = b.t[i];
    out.hyp[j] = b.hyp[i];
  }
  return out;
}
