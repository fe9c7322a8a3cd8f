// The streaming fingerprinter: audio in chunks of any size, hashes out as soon as they
// are final. Every buffer is allocated once in the constructor, so memory stays flat
// for an endless stream.
import { Resampler } from './resample';
import { RealFFT } from './fft';
import { fastLn } from './mathx';
import { Quality } from './quality';
import { maxFilter } from './maxfilter';
import { Emitter, RECORD_I32 } from './landmarks';
import {
  C_RATE, C_FFT, C_HOP, C_F_LO, C_F_HI, C_CUTOFF, C_ZERO_X, C_PEAK_F_RADIUS, C_PEAK_T_RADIUS,
  C_RANK_WINDOW, C_RANK_KEEP, C_FLOOR_DB, C_TILT, C_FANOUT, C_DT_MIN, C_DT_MAX, C_DF_MAX,
  C_QF, C_QT, C_FUZZ, C_N_HYP, C_HYP, C_LOUDNESS, C_HYP_FANOUT, C_HYP_FUZZ, C_STRONG_FANOUT, C_SMOOTH,
  C_BASS_HZ, C_BASS_KEEP,
} from './config';

const CAND_CAP: i32 = 1 << 14;   // candidate ring (power of two)
const PEAK_CAP: i32 = 1 << 14;   // peak ring (power of two)
export const OUT_CAP: i32 = 1 << 16;   // hash records per call
export const PEAK_OUT_CAP: i32 = 1 << 12;
/** f32 words per peak in the peak block: t, f, strength. */
export const PEAK_F32: i32 = 3;
const ZONE_CAP: i32 = 64;            // most strongest-partner pairs per anchor

export class Stream {
  channels: i32;
  n: i32;
  hop: i32;
  bins: i32;
  lo: i32;
  bassLo: i32;               // == lo: no bass band
  bassKeep: i32;
  hi: i32;
  fR: i32;
  tR: i32;
  ring: i32;                 // spectrum ring length in frames
  halfW: i32;
  keep: i32;
  floor: f32;
  tilt: f32;
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
  zone: StaticArray<i32> = new StaticArray<i32>(ZONE_CAP);
  reach: i32;                // frames after an anchor its pairs may come from, over all hypotheses

  resampler!: Resampler;
  fft!: RealFFT;
  quality!: Quality;
  window!: StaticArray<f32>;
  mono!: StaticArray<f32>;
  resampled!: StaticArray<f32>;
  frameBuf!: StaticArray<f32>;
  frameLen: i32 = 0;
  windowed!: StaticArray<f32>;
  smooth: i32;
  raw!: StaticArray<f32>;     // ring of the last `smooth` power spectra as computed
  spec!: StaticArray<f32>;    // ring of power spectra (averaged over `smooth` frames)
  colMax!: StaticArray<f32>;  // ring of frequency-max-filtered spectra
  scratch!: StaticArray<f32>;
  frames: i32 = 0;           // frames computed
  candFrontier: i32 = 0;     // frames < this have their candidates listed

  candT: StaticArray<f32> = new StaticArray<f32>(CAND_CAP);
  candF: StaticArray<f32> = new StaticArray<f32>(CAND_CAP);
  candS: StaticArray<f32> = new StaticArray<f32>(CAND_CAP);
  candC: StaticArray<i32> = new StaticArray<i32>(CAND_CAP);
  candB: StaticArray<u8> = new StaticArray<u8>(CAND_CAP);   // 1: bass band
  candCount: i32 = 0;
  candDone: i32 = 0;

  peakT: StaticArray<f32> = new StaticArray<f32>(PEAK_CAP);
  peakF: StaticArray<f32> = new StaticArray<f32>(PEAK_CAP);
  peakS: StaticArray<f32> = new StaticArray<f32>(PEAK_CAP);
  peakC: StaticArray<i32> = new StaticArray<i32>(PEAK_CAP);
  peakB: StaticArray<u8> = new StaticArray<u8>(PEAK_CAP);
  peakCount: i32 = 0;
  anchorNext: i32 = 0;
  peakFrontier: i32 = 0;     // frames < this have their peaks final
  final: bool = false;
  overflow: bool = false;

  out: StaticArray<i32> = new StaticArray<i32>(OUT_CAP * RECORD_I32);
  emitter!: Emitter;
  peakOut: StaticArray<f32> = new StaticArray<f32>(PEAK_OUT_CAP * PEAK_F32);
  peakOutCount: i32 = 0;

  constructor(inRate: f64, channels: i32, cfg: StaticArray<f64>, maxChunk: i32) {
    this.channels = channels;
    const rate = cfg[C_RATE];
    this.n = <i32>cfg[C_FFT];
    this.hop = <i32>cfg[C_HOP];
    this.bins = (this.n >> 1) + 1;
    const binHz = rate / <f64>this.n;
    this.lo = <i32>Math.max(1.0, Math.round(cfg[C_F_LO] / binHz));
    this.bassLo = cfg[C_BASS_HZ] > 0 ? <i32>Math.max(1.0, Math.round(cfg[C_BASS_HZ] / binHz)) : this.lo;
    this.bassKeep = <i32>cfg[C_BASS_KEEP];
    this.hi = <i32>Math.min(<f64>(this.bins - 2), Math.round(cfg[C_F_HI] / binHz));
    this.fR = <i32>cfg[C_PEAK_F_RADIUS];
    this.tR = <i32>cfg[C_PEAK_T_RADIUS];
    this.ring = 2 * this.tR + 3;
    this.halfW = <i32>cfg[C_RANK_WINDOW] >> 1;
    this.keep = <i32>cfg[C_RANK_KEEP];
    // floor relative to the power of a full-scale sine under a Hann window: (n/4)^2
    const fs = <f64>this.n / 4.0;
    this.floor = <f32>(fs * fs * Math.pow(10.0, cfg[C_FLOOR_DB] / 10.0));
    this.tilt = <f32>(cfg[C_TILT] / (10.0 * Math.log10(Math.E)) / Math.LN2); // dB/oct -> ln units per log2
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
    this.smooth = <i32>cfg[C_SMOOTH];
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

    this.resampler = new Resampler(inRate, rate, cfg[C_CUTOFF], <i32>cfg[C_ZERO_X], maxChunk);
    this.fft = new RealFFT(this.n);
    this.quality = new Quality(inRate, channels, cfg[C_LOUDNESS] != 0.0);
    this.window = new StaticArray<f32>(this.n);
    for (let i = 0; i < this.n; i++) {
      unchecked(this.window[i] = <f32>(0.5 - 0.5 * Math.cos(2.0 * Math.PI * <f64>i / <f64>this.n)));
    }
    this.mono = new StaticArray<f32>(maxChunk);
    const maxOut = this.resampler.maxOutput(maxChunk);
    this.resampled = new StaticArray<f32>(maxOut);
    this.frameBuf = new StaticArray<f32>(this.n + maxOut);
    this.windowed = new StaticArray<f32>(this.n);
    this.spec = new StaticArray<f32>(this.ring * this.bins);
    this.raw = new StaticArray<f32>(this.smooth * this.bins);
    this.colMax = new StaticArray<f32>(this.ring * this.bins);
    this.scratch = new StaticArray<f32>(2 * this.bins + 4 * this.fR + 8);
    this.emitter = new Emitter(changetype<usize>(this.out), OUT_CAP);
  }

  // ------------------------------------------------------------------ input
  /** `frames` interleaved frames at `src`; non-finite samples count as invalid and become 0. */
  push(src: usize, frames: i32): i32 {
    this.emitter.count = 0;
    this.peakOutCount = 0;
    const ch = this.channels;
    const inv: f32 = <f32>1.0 / <f32>ch;
    const mono = changetype<usize>(this.mono);
    for (let i = 0; i < frames; i++) {
      let s: f32 = 0;
      for (let c = 0; c < ch; c++) {
        const x = load<f32>(src + (<usize>(i * ch + c) << 2));
        if (isFinite(x)) s += x;
      }
      store<f32>(mono + (<usize>i << 2), s * inv);
    }
    this.quality.feed(src, frames, ch, mono);
    const produced = this.resampler.process(mono, frames, changetype<usize>(this.resampled));
    this.addSamples(changetype<usize>(this.resampled), produced);
    this.advance();
    return this.emitter.count;
  }

  /** End of stream: pad so the last samples are analysed, then make everything final. */
  flush(): i32 {
    this.emitter.count = 0;
    this.peakOutCount = 0;
    if (!this.final) {
      // the resampler's tail, then enough silence to complete the last frame
      const pad = this.resampler.half + 8;
      const z = changetype<usize>(this.mono);
      memory.fill(z, 0, <usize>pad << 2);
      const produced = this.resampler.process(z, pad, changetype<usize>(this.resampled));
      this.addSamples(changetype<usize>(this.resampled), produced);
      memory.fill(changetype<usize>(this.resampled), 0, <usize>this.n << 2);
      this.addSamples(changetype<usize>(this.resampled), this.n - this.hop);
      this.final = true;
    }
    this.advance();
    return this.emitter.count;
  }

  /** Continue emitting after the output buffer filled up. */
  drain(): i32 {
    this.emitter.count = 0;
    this.peakOutCount = 0;
    this.emitAnchors();
    return this.emitter.count;
  }

  private addSamples(src: usize, n: i32): void {
    const fb = changetype<usize>(this.frameBuf);
    memory.copy(fb + (<usize>this.frameLen << 2), src, <usize>n << 2);
    this.frameLen += n;
    let start = 0;
    while (start + this.n <= this.frameLen) {
      this.computeFrame(fb + (<usize>start << 2));
      // candidates right away: the spectrum ring only holds the frames a peak test needs
      this.listCandidates();
      start += this.hop;
    }
    if (start > 0) {
      memory.copy(fb, fb + (<usize>start << 2), <usize>(this.frameLen - start) << 2);
      this.frameLen -= start;
    }
  }

  // ------------------------------------------------------------------ spectrum
  private computeFrame(src: usize): void {
    const n = this.n;
    const w = changetype<usize>(this.windowed);
    const win = changetype<usize>(this.window);
    for (let i = 0; i < n; i += 4) {
      const o = <usize>i << 2;
      v128.store(w + o, f32x4.mul(v128.load(src + o), v128.load(win + o)));
    }
    const slot = this.frames % this.ring;
    const row = changetype<usize>(this.spec) + (<usize>(slot * this.bins) << 2);
    this.fft.power(w, row);
    // the SNR estimate needs a sample of frames, not all of them
    if ((this.frames & 3) == 0) this.quality.feedSpectrum(row, this.lo, this.hi);
    if (this.smooth > 1) this.average(row);
    maxFilter(row, changetype<usize>(this.colMax) + (<usize>(slot * this.bins) << 2), changetype<usize>(this.scratch), this.bins, this.fR);
    this.frames++;
  }

  /** `row` becomes the mean power of this frame and the `smooth - 1` before it (none before the first: 0). */
  private average(row: usize): void {
    const bins = this.bins;
    const n = this.smooth;
    const raw = changetype<usize>(this.raw);
    memory.copy(raw + (<usize>((this.frames % n) * bins) << 2), row, <usize>bins << 2);
    const inv = <f32>1.0 / <f32>n;
    for (let f = 0; f < bins; f++) {
      let sum: f32 = 0;
      for (let k = 0; k < n; k++) sum += load<f32>(raw + (<usize>(k * bins + f) << 2));
      store<f32>(row + (<usize>f << 2), sum * inv);
    }
  }

  @inline private at(frame: i32, bin: i32): f32 {
    if (frame < 0 || frame >= this.frames) return 0;
    return load<f32>(changetype<usize>(this.spec) + (<usize>((frame % this.ring) * this.bins + bin) << 2));
  }

  // ------------------------------------------------------------------ peaks
  /** Frame c can be tested once frames c - tR .. c + tR exist (beyond the end: none, when final). */
  private listCandidates(): void {
    const limit = this.final ? this.frames : this.frames - this.tR;
    while (this.candFrontier < limit) {
      this.findCandidates(this.candFrontier);
      this.candFrontier++;
    }
  }

  private advance(): void {
    this.listCandidates();
    this.selectPeaks();
    this.emitAnchors();
  }

  private findCandidates(c: i32): void {
    const tR = this.tR;
    const ringN = this.ring;
    const bins = this.bins;
    const cm = changetype<usize>(this.colMax);
    const first = c - tR < 0 ? 0 : c - tR;
    const last = c + tR >= this.frames ? this.frames - 1 : c + tR;
    const lnRef = fastLn(<f32>this.lo);
    for (let f = this.bassLo; f <= this.hi; f++) {
      const v = this.at(c, f);
      if (v < this.floor) continue;
      let isMax = true;
      for (let k = first; k <= last; k++) {
        if (load<f32>(cm + (<usize>((k % ringN) * bins + f) << 2)) > v) { isMax = false; break; }
      }
      if (!isMax) continue;
      // strict in frequency so a plateau gives one peak
      if (this.at(c, f - 1) == v) continue;
      const l0 = fastLn(v);
      const lf1 = fastLn(this.at(c, f - 1));
      const lf2 = fastLn(this.at(c, f + 1));
      const lt1 = fastLn(this.at(c - 1, f));
      const lt2 = fastLn(this.at(c + 1, f));
      const s = l0 + this.tilt * (fastLn(<f32>f) - lnRef) * <f32>1.442695;
      const idx = this.candCount & (CAND_CAP - 1);
      unchecked(this.candT[idx] = <f32>c + parabola(lt1, l0, lt2));
      unchecked(this.candF[idx] = <f32>f + parabola(lf1, l0, lf2));
      unchecked(this.candS[idx] = s);
      unchecked(this.candC[idx] = c);
      unchecked(this.candB[idx] = f < this.lo ? 1 : 0);
      this.candCount++;
      if (this.candCount - this.candDone >= CAND_CAP) this.overflow = true;
    }
  }

  /** Keep a candidate when fewer than `keep` candidates within +-halfW frames are stronger. */
  private selectPeaks(): void {
    const hw = this.halfW;
    const M = CAND_CAP - 1;
    const frontier = this.final ? 0x3fffffff : this.candFrontier - hw;
    while (this.candDone < this.candCount) {
      const i = this.candDone & M;
      const c = unchecked(this.candC[i]);
      if (c >= frontier) break;
      const s = unchecked(this.candS[i]);
      // each band ranks its own candidates: loud bass never pushes main-band peaks out
      const band = unchecked(this.candB[i]);
      const keep = band ? this.bassKeep : this.keep;
      let stronger = 0;
      for (let j = this.candDone - 1; j >= 0 && this.candDone - j < CAND_CAP; j--) {
        const jj = j & M;
        if (unchecked(this.candC[jj]) < c - hw) break;
        if (unchecked(this.candB[jj]) == band && unchecked(this.candS[jj]) >= s) stronger++;
      }
      for (let j = this.candDone + 1; j < this.candCount && stronger < keep; j++) {
        const jj = j & M;
        if (unchecked(this.candC[jj]) > c + hw) break;
        if (unchecked(this.candB[jj]) == band && unchecked(this.candS[jj]) > s) stronger++;
      }
      if (stronger < keep) this.addPeak(unchecked(this.candT[i]), unchecked(this.candF[i]), s, c, band);
      this.candDone++;
    }
    this.peakFrontier = this.final ? 0x3fffffff : frontier;
  }

  private addPeak(t: f32, f: f32, s: f32, c: i32, band: u8): void {
    const idx = this.peakCount & (PEAK_CAP - 1);
    unchecked(this.peakT[idx] = t);
    unchecked(this.peakF[idx] = f);
    unchecked(this.peakS[idx] = s);
    unchecked(this.peakC[idx] = c);
    unchecked(this.peakB[idx] = band);
    this.peakCount++;
    if (this.peakCount - this.anchorNext >= PEAK_CAP) this.overflow = true;
    if (this.peakOutCount < PEAK_OUT_CAP) {
      const o = this.peakOutCount * PEAK_F32;
      unchecked(this.peakOut[o] = t);
      unchecked(this.peakOut[o + 1] = f);
      unchecked(this.peakOut[o + 2] = s);
      this.peakOutCount++;
    }
  }

  // ------------------------------------------------------------------ hashes
  private emitAnchors(): void {
    const M = PEAK_CAP - 1;
    const em = this.emitter;
    const need = (this.fanout + this.strongFanout + (this.nHyp - 1) * this.hypFanout) * 8;
    while (this.anchorNext < this.peakCount) {
      const i = this.anchorNext & M;
      const c = unchecked(this.peakC[i]);
      if (c + this.reach >= this.peakFrontier) break;
      if (em.room() < need) break;
      const t1 = unchecked(this.peakT[i]);
      const f1 = unchecked(this.peakF[i]);
      // main-band anchors keep main-band partners: a query without bass still has their pairs
      const mainOnly = unchecked(this.peakB[i]) == 0;
      for (let h = 0; h < this.nHyp; h++) {
        const a = unchecked(this.hypA[h]);
        const b = unchecked(this.hypB[h]);
        const fa = f1 * b;
        const tOut = <i32>Mathf.round(t1 * a);
        // the hypothesis search is a wide net: it may use fewer pairs than the main pass
        const fanout = h == 0 ? this.fanout : this.hypFanout;
        em.fuzz = h == 0 ? this.fuzz : this.hypFuzz;
        let count = 0;
        let last = this.anchorNext;
        for (let j = this.anchorNext + 1; j < this.peakCount; j++) {
          const jj = j & M;
          const dt = (unchecked(this.peakT[jj]) - t1) * a;
          if (dt > this.dtMax + <f32>1.0) break;
          if (dt < this.dtMin || dt > this.dtMax) continue;
          if (mainOnly && unchecked(this.peakB[jj])) continue;
          const df = (unchecked(this.peakF[jj]) - f1) * b;
          if (Mathf.abs(df) > this.dfMax) continue;
          em.emit(fa / this.qf, df / this.qf, dt / this.qt, tOut, h);
          last = j;
          count++;
          if (count >= fanout) break;
        }
        // the speed/pitch hypotheses stay a lighter net: next-in-time pairs only
        if (h == 0 && this.strongFanout > 0) this.pairStrongest(t1, f1, a, b, fa, tOut, h, this.strongFanout, last, mainOnly);
      }
      this.anchorNext++;
    }
  }

  /** The `fanout` strongest peaks of the anchor's zone after `last` (the next ones are paired already). */
  private pairStrongest(t1: f32, f1: f32, a: f32, b: f32, fa: f32, tOut: i32, h: i32, fanout: i32, last: i32, mainOnly: bool): void {
    const M = PEAK_CAP - 1;
    const zone = this.zone;
    let n = 0;
    for (let j = last + 1; j < this.peakCount; j++) {
      const jj = j & M;
      const dt = (unchecked(this.peakT[jj]) - t1) * a;
      if (dt > this.dtMax + <f32>1.0) break;
      if (dt < this.dtMin || dt > this.dtMax) continue;
      if (mainOnly && unchecked(this.peakB[jj])) continue;
      if (Mathf.abs((unchecked(this.peakF[jj]) - f1) * b) > this.dfMax) continue;
      // insertion into a list sorted by strength (ties: earlier first), cut at fanout
      const s = unchecked(this.peakS[jj]);
      let k = n < fanout ? n : fanout;
      while (k > 0 && unchecked(this.peakS[unchecked(zone[k - 1])]) < s) {
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
      const dt = (unchecked(this.peakT[jj]) - t1) * a;
      const df = (unchecked(this.peakF[jj]) - f1) * b;
      this.emitter.emit(fa / this.qf, df / this.qf, dt / this.qt, tOut, h);
    }
  }
}

/** Offset in (-0.5, 0.5) of the vertex of the parabola through (-1, a), (0, b), (1, c). */
function parabola(a: f32, b: f32, c: f32): f32 {
  const d = a - <f32>2.0 * b + c;
  if (d >= <f32>0.0) return 0;
  let x = <f32>0.5 * (a - c) / d;
  if (x > <f32>0.5) x = <f32>0.5;
  if (x < <f32>-0.5) x = <f32>-0.5;
  return x;
}
