// Pairing: each final peak becomes an anchor paired with later peaks of its target zone,
// once per speed/pitch hypothesis, and each pair leaves as hash records (landmarks.ts).
import { Emitter, HYP_EXTRA_FLAG, RECORD_I32 } from './landmarks';
import { PEAK_CAP, Peaks } from './peaks';
import {
  C_FANOUT, C_DT_MIN, C_DT_MAX, C_DF_MAX, C_QF, C_QT, C_FUZZ, C_N_HYP, C_HYP, C_HYP_FANOUT, C_HYP_FUZZ,
  C_STRONG_FANOUT, C_EARLY,
} from './config';

export const OUT_CAP: i32 = 1 << 16;   // hash records per call
const ZONE_CAP: i32 = 64;            // most strongest-partner pairs per anchor

export class Pairing {
  fanout: i32;
  hypFanout: i32;
  fuzz: f32;
  hypFuzz: f32;
  dtMin: f32;
  dtMax: f32;
  dfMax: f32;
  qf: f32;
  qt: f32;
  nHyp: i32;
  hypA!: StaticArray<f32>;
  hypB!: StaticArray<f32>;
  strongFanout: i32;
  early: bool;
  earlyNext: i32 = 0;        // anchors before this have their as-heard next-peak pairs out
  zone: StaticArray<i32> = new StaticArray<i32>(ZONE_CAP);
  reach: i32;                // frames after an anchor its pairs may come from, over all hypotheses
  peaks: Peaks;

  out: StaticArray<i32> = new StaticArray<i32>(OUT_CAP * RECORD_I32);
  emitter!: Emitter;

  constructor(cfg: StaticArray<f64>, peaks: Peaks) {
    this.peaks = peaks;
    this.fanout = <i32>cfg[C_FANOUT];
    this.hypFanout = <i32>cfg[C_HYP_FANOUT];
    this.fuzz = <f32>cfg[C_FUZZ];
    this.hypFuzz = <f32>cfg[C_HYP_FUZZ];
    this.dtMin = <f32>cfg[C_DT_MIN];
    this.dtMax = <f32>cfg[C_DT_MAX];
    this.dfMax = <f32>cfg[C_DF_MAX];
    this.qf = <f32>cfg[C_QF];
    this.qt = <f32>cfg[C_QT];
    this.nHyp = <i32>cfg[C_N_HYP];
    this.strongFanout = <i32>cfg[C_STRONG_FANOUT];
    this.early = cfg[C_EARLY] != 0.0;
    this.hypA = new StaticArray<f32>(this.nHyp);
    this.hypB = new StaticArray<f32>(this.nHyp);
    let minA: f32 = 1.0;
    for (let h = 0; h < this.nHyp; h++) {
      const a = <f32>cfg[C_HYP + 2 * h];
      unchecked(this.hypA[h] = a);
      unchecked(this.hypB[h] = <f32>cfg[C_HYP + 2 * h + 1]);
      if (a < minA) minA = a;
    }
    this.reach = <i32>Mathf.ceil((this.dtMax + <f32>1.0) / minA) + 2;
    this.emitter = new Emitter(changetype<usize>(this.out), OUT_CAP);
  }

  /** Pairs every anchor whose zone is final, until the output block may not hold another anchor's pairs. */
  emitAnchors(): void {
    if (this.early) this.emitEarly();
    const M = PEAK_CAP - 1;
    const em = this.emitter;
    const peaks = this.peaks;
    const T = peaks.peakT;
    const F = peaks.peakF;
    const B = peaks.peakB;
    const count = peaks.peakCount;
    const need = (this.fanout + this.strongFanout + (this.nHyp - 1) * this.hypFanout) * 8;
    while (peaks.anchorNext < count) {
      const anchor = peaks.anchorNext;
      const i = anchor & M;
      const c = unchecked(peaks.peakC[i]);
      if (c + this.reach >= peaks.peakFrontier) break;
      if (em.room() < need) break;
      const t1 = unchecked(T[i]);
      const f1 = unchecked(F[i]);
      // main-band anchors keep main-band partners: a query without bass still has their pairs
      const mainOnly = unchecked(B[i]) == 0;
      // an extra peak anchors its as-heard next pairs alone: the hypotheses stay a lighter net
      const extra = unchecked(peaks.peakX[i]) != 0;
      const hyps = extra ? 1 : this.nHyp;
      for (let h = 0; h < hyps; h++) {
        const a = unchecked(this.hypA[h]);
        const b = unchecked(this.hypB[h]);
        const fa = f1 * b;
        const tOut = <i32>Mathf.round(t1 * a);
        // the hypothesis search is a wide net: it may use fewer pairs than the main pass
        const fanout = h == 0 ? this.fanout : this.hypFanout;
        em.fuzz = h == 0 ? this.fuzz : this.hypFuzz;
        // hypothesis 0's next pairs may have left early: only `last` is needed from them then
        const last = this.pairNext(anchor, a, b, fanout, h, !(h == 0 && anchor < this.earlyNext), false);
        // the speed/pitch hypotheses stay a lighter net: next-in-time pairs only
        if (h == 0 && !extra && this.strongFanout > 0) this.pairStrongest(t1, f1, a, b, fa, tOut, h, this.strongFanout, last, mainOnly);
      }
      peaks.anchorNext = anchor + 1;
    }
  }

  /**
   * Hypothesis 0's pairs with each anchor's next `fanout` peaks, as soon as those peaks are
   * final: the scan stops at the fanout-th partner or at the first peak past the zone, so
   * once either is among the final peaks, later peaks cannot change the pairs. The rest of
   * the anchor's pairs (its strongest partner, the hypotheses' longer reach) wait for
   * emitAnchors, which leaves these out.
   */
  private emitEarly(): void {
    const peaks = this.peaks;
    const count = peaks.peakCount;
    const a = unchecked(this.hypA[0]);
    const b = unchecked(this.hypB[0]);
    if (this.earlyNext < peaks.anchorNext) this.earlyNext = peaks.anchorNext;
    while (this.earlyNext < count) {
      const anchor = this.earlyNext;
      if (this.emitter.room() < this.fanout * 8) break;
      if (this.pairNext(anchor, a, b, this.fanout, 0, false, true) < 0) break;
      this.emitter.fuzz = this.fuzz;
      this.pairNext(anchor, a, b, this.fanout, 0, true, true);
      this.earlyNext = anchor + 1;
    }
  }

  /**
   * Pairs `anchor` with its next `fanout` zone partners under scales (a, b), emitting them
   * when `emit`. Returns the last partner; while the zone is `open` (later peaks may still
   * fall in it), -1 when the final peaks do not settle the partners yet (the scan ran out
   * before the fanout-th partner or the zone's end).
   */
  private pairNext(anchor: i32, a: f32, b: f32, fanout: i32, h: i32, emit: bool, open: bool): i32 {
    const M = PEAK_CAP - 1;
    const peaks = this.peaks;
    const T = peaks.peakT;
    const F = peaks.peakF;
    const B = peaks.peakB;
    const X = peaks.peakX;
    const count = peaks.peakCount;
    const i = anchor & M;
    const t1 = unchecked(T[i]);
    const f1 = unchecked(F[i]);
    const fa = f1 * b;
    const tOut = <i32>Mathf.round(t1 * a);
    const mainOnly = unchecked(B[i]) == 0;
    // kept peaks pair among themselves, as they would without the extra ones
    const keptOnly = unchecked(X[i]) == 0;
    this.emitter.flag = keptOnly ? 0 : HYP_EXTRA_FLAG;
    let paired = 0;
    let last = anchor;
    for (let j = anchor + 1; j < count; j++) {
      const jj = j & M;
      const dt = (unchecked(T[jj]) - t1) * a;
      if (dt > this.dtMax + <f32>1.0) return last;
      const df = (unchecked(F[jj]) - f1) * b;
      if (!this.inZone(dt, df) || (mainOnly && unchecked(B[jj])) || (keptOnly && unchecked(X[jj]))) continue;
      if (emit) this.emitter.emit(fa / this.qf, df / this.qf, dt / this.qt, tOut, h);
      last = j;
      if (++paired >= fanout) return last;
    }
    return open && !peaks.final ? -1 : last;
  }

  /** Whether a partner `dt` frames and `df` bins from its anchor (both scaled by the hypothesis) is in the anchor's zone. */
  @inline private inZone(dt: f32, df: f32): bool {
    return !(dt < this.dtMin || dt > this.dtMax || Mathf.abs(df) > this.dfMax);
  }

  /** The `fanout` strongest peaks of the anchor's zone after `last` (the next ones are paired already). */
  private pairStrongest(t1: f32, f1: f32, a: f32, b: f32, fa: f32, tOut: i32, h: i32, fanout: i32, last: i32, mainOnly: bool): void {
    const M = PEAK_CAP - 1;
    const zone = this.zone;
    const peaks = this.peaks;
    const T = peaks.peakT;
    const F = peaks.peakF;
    const S = peaks.peakS;
    const B = peaks.peakB;
    const X = peaks.peakX;
    const count = peaks.peakCount;
    let n = 0;
    for (let j = last + 1; j < count; j++) {
      const jj = j & M;
      const dt = (unchecked(T[jj]) - t1) * a;
      if (dt > this.dtMax + <f32>1.0) break;
      if (!this.inZone(dt, (unchecked(F[jj]) - f1) * b) || (mainOnly && unchecked(B[jj])) || unchecked(X[jj])) continue;
      // insertion into a list sorted by strength (ties: earlier first), cut at fanout
      const s = unchecked(S[jj]);
      let k = n < fanout ? n : fanout;
      while (k > 0 && unchecked(S[unchecked(zone[k - 1])]) < s) {
        if (k < fanout) unchecked(zone[k] = unchecked(zone[k - 1]));
        k--;
      }
      if (k < fanout) {
        unchecked(zone[k] = jj);
        if (n < fanout) n++;
      }
    }
    for (let k = 0; k < n; k++) {
      const jj = unchecked(zone[k]);
      const dt = (unchecked(T[jj]) - t1) * a;
      const df = (unchecked(F[jj]) - f1) * b;
      this.emitter.emit(fa / this.qf, df / this.qf, dt / this.qt, tOut, h);
    }
  }
}
