// Landmark hashes from pairs of peaks: hash = (f1, f2 - f1, t2 - t1), quantised.
// Each hypothesis (a, b) rescales time by a and frequency by b before quantising, so
// a query sped up by s is matched by the hypothesis a = s, b = 1/s and a pitch shift p by
// a = 1, b = 1/p: a resample undoes a speed change exactly, peaks let us do it for free.
//
// Hash layout (26 bits, low to high): t2 - t1 (8) | f2 - f1 + 256 (9) | f1 (9). The host
// reads it through dsp/src/hash.ts, which the ABI check at load holds to these widths.
export const HASH_DT_BITS: i32 = 8;
export const HASH_DF_BITS: i32 = 9;
export const HASH_F1_BITS: i32 = 9;
/** i32 words per hash record in the output block: hash, t, hypothesis. */
export const RECORD_I32: i32 = 3;
/** Or'ed into the hypothesis word of a fuzz variant (a neighbour cell, not the record's own). */
export const HYP_VARIANT_FLAG: i32 = 0x80;
/** Or'ed into the hypothesis word of an extra peak's pair (peaks.ts `extraKeep`). */
export const HYP_EXTRA_FLAG: i32 = 0x40;

export const F1_MAX: i32 = (1 << HASH_F1_BITS) - 1;
export const DF_LIMIT: i32 = (1 << (HASH_DF_BITS - 1)) - 1;
export const DT_LIMIT: i32 = (1 << HASH_DT_BITS) - 1;

export class Emitter {
  out: usize;
  cap: i32;
  count: i32 = 0;
  /** Set by the caller before each anchor's pairs: hypotheses differ in fuzz. */
  fuzz: f32 = 0;
  /** Set by the caller before each anchor's pairs: HYP_EXTRA_FLAG for an extra peak's. */
  flag: i32 = 0;

  constructor(out: usize, cap: i32) {
    this.out = out;
    this.cap = cap;
  }

  room(): i32 {
    return this.cap - this.count;
  }

  /** Quantised value and, when the value sits within `fuzz` of a cell edge, the neighbour cell. */
  @inline private alt(x: f32, q: i32): i32 {
    const d = x - <f32>q;
    if (d > <f32>0.5 - this.fuzz) return q + 1;
    if (d < this.fuzz - <f32>0.5) return q - 1;
    return q;
  }

  emit(f1: f32, df: f32, dt: f32, t: i32, hyp: i32): void {
    const q1 = <i32>Mathf.round(f1);
    const q2 = <i32>Mathf.round(df);
    const q3 = <i32>Mathf.round(dt);
    const a1 = this.alt(f1, q1);
    const a2 = this.alt(df, q2);
    const a3 = this.alt(dt, q3);
    for (let i = 0; i < 2; i++) {
      const v1 = i == 0 ? q1 : a1;
      if (i == 1 && a1 == q1) continue;
      if (v1 < 0 || v1 > F1_MAX) continue;
      for (let j = 0; j < 2; j++) {
        const v2 = j == 0 ? q2 : a2;
        if (j == 1 && a2 == q2) continue;
        if (v2 < -DF_LIMIT || v2 > DF_LIMIT) continue;
        for (let k = 0; k < 2; k++) {
          const v3 = k == 0 ? q3 : a3;
          if (k == 1 && a3 == q3) continue;
          if (v3 < 1 || v3 > DT_LIMIT) continue;
          if (this.count >= this.cap) return;
          const p = this.out + (<usize>this.count * RECORD_I32 * 4);
          store<i32>(p, (v1 << (HASH_DF_BITS + HASH_DT_BITS)) | ((v2 + DF_LIMIT + 1) << HASH_DT_BITS) | v3);
          store<i32>(p, t, 4);
          store<i32>(p, (i + j + k > 0 ? hyp | HYP_VARIANT_FLAG : hyp) | this.flag, 8);
          this.count++;
        }
      }
    }
  }
}
