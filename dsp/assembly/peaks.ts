// Peaks: the points of the spectrogram that stand out. A candidate is the maximum of its
// neighbourhood (+-fR bins, +-tR frames) above the floor; it becomes a peak when fewer
// than `keep` candidates of its band within +-halfW frames are stronger, so that loud
// passages do not crowd quiet ones out. A main-band candidate ranked past `keep` but within
// `keep + extraKeep` becomes an extra peak, which pairing.ts keeps apart. Peaks wait in a
// ring until pairing.ts has used them as anchors.
import { fastLn } from './mathx';
import { maxFilter } from './maxfilter';
import { Spectrum } from './spectrum';
import { C_PEAK_F_RADIUS, C_PEAK_T_RADIUS, C_RANK_WINDOW, C_RANK_KEEP, C_FLOOR_DB, C_TILT, C_BASS_KEEP, C_EXTRA_KEEP } from './config';

const CAND_CAP: i32 = 1 << 14;   // candidate ring (power of two)
export const PEAK_CAP: i32 = 1 << 14;   // peak ring (power of two)
export const PEAK_OUT_CAP: i32 = 1 << 12;
/** f32 words per peak in the peak block: t, f, strength. */
export const PEAK_F32: i32 = 3;

export class Peaks {
  bins: i32;
  lo: i32;
  bassLo: i32;
  bassKeep: i32;
  hi: i32;
  fR: i32;
  tR: i32;
  ring: i32;                 // spectrum ring length in frames
  halfW: i32;
  keep: i32;
  extraKeep: i32;
  floor: f32;
  tilt: f32;

  spec!: StaticArray<f32>;    // ring of power spectra: the frames a peak test needs
  colMax!: StaticArray<f32>;  // ring of frequency-max-filtered spectra
  scratch!: StaticArray<f32>;
  frames: i32 = 0;           // spectra in the ring so far
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
  peakX: StaticArray<u8> = new StaticArray<u8>(PEAK_CAP);   // 1: ranked past `keep` (pairing.ts)
  peakCount: i32 = 0;
  anchorNext: i32 = 0;       // peaks before this are paired (pairing.ts moves it)
  peakFrontier: i32 = 0;     // frames < this have their peaks final
  final: bool = false;       // no more spectra: the last frames are tested without their successors
  overflow: bool = false;

  peakOut: StaticArray<f32> = new StaticArray<f32>(PEAK_OUT_CAP * PEAK_F32);
  peakOutCount: i32 = 0;

  constructor(cfg: StaticArray<f64>, spectrum: Spectrum) {
    this.bins = spectrum.bins;
    this.lo = spectrum.lo;
    this.bassLo = spectrum.bassLo;
    this.hi = spectrum.hi;
    this.bassKeep = <i32>cfg[C_BASS_KEEP];
    this.fR = <i32>cfg[C_PEAK_F_RADIUS];
    this.tR = <i32>cfg[C_PEAK_T_RADIUS];
    this.ring = 2 * this.tR + 3;
    this.halfW = <i32>cfg[C_RANK_WINDOW] >> 1;
    this.keep = <i32>cfg[C_RANK_KEEP];
    this.extraKeep = <i32>cfg[C_EXTRA_KEEP];
    // floor relative to the power of a full-scale sine under a Hann window: (n/4)^2
    const fs = <f64>spectrum.n / 4.0;
    this.floor = <f32>(fs * fs * Math.pow(10.0, cfg[C_FLOOR_DB] / 10.0));
    this.tilt = <f32>(cfg[C_TILT] / (10.0 * Math.log10(Math.E)) / Math.LN2); // dB/oct -> ln units per log2
    this.spec = new StaticArray<f32>(this.ring * this.bins);
    this.colMax = new StaticArray<f32>(this.ring * this.bins);
    this.scratch = new StaticArray<f32>(2 * this.bins + 4 * this.fR + 8);
  }

  /** Where the next frame's power spectrum goes. */
  row(): usize {
    return changetype<usize>(this.spec) + (<usize>((this.frames % this.ring) * this.bins) << 2);
  }

  /** The spectrum at row() is complete; its candidates are listed right away, as the ring only holds the frames a peak test needs. */
  add(): void {
    const slot = this.frames % this.ring;
    const off = <usize>(slot * this.bins) << 2;
    maxFilter(changetype<usize>(this.spec) + off, changetype<usize>(this.colMax) + off, changetype<usize>(this.scratch), this.bins, this.fR);
    this.frames++;
    this.listCandidates();
  }

  /** Moves the candidates whose rank is final into the peak ring. */
  update(): void {
    this.listCandidates();
    this.selectPeaks();
  }

  @inline private at(frame: i32, bin: i32): f32 {
    if (frame < 0 || frame >= this.frames) return 0;
    return load<f32>(changetype<usize>(this.spec) + (<usize>((frame % this.ring) * this.bins + bin) << 2));
  }

  /** Frame c can be tested once frames c - tR .. c + tR exist (beyond the end: none, when final). */
  private listCandidates(): void {
    const limit = this.final ? this.frames : this.frames - this.tR;
    while (this.candFrontier < limit) {
      this.findCandidates(this.candFrontier);
      this.candFrontier++;
    }
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
      const limit = band ? keep : keep + this.extraKeep;
      let stronger = 0;
      for (let j = this.candDone - 1; j >= 0 && this.candDone - j < CAND_CAP; j--) {
        const jj = j & M;
        if (unchecked(this.candC[jj]) < c - hw) break;
        if (unchecked(this.candB[jj]) == band && unchecked(this.candS[jj]) >= s) stronger++;
      }
      for (let j = this.candDone + 1; j < this.candCount && stronger < limit; j++) {
        const jj = j & M;
        if (unchecked(this.candC[jj]) > c + hw) break;
        if (unchecked(this.candB[jj]) == band && unchecked(this.candS[jj]) > s) stronger++;
      }
      if (stronger < limit) this.addPeak(unchecked(this.candT[i]), unchecked(this.candF[i]), s, c, band, stronger >= keep ? 1 : 0);
      this.candDone++;
    }
    this.peakFrontier = this.final ? 0x3fffffff : frontier;
  }

  private addPeak(t: f32, f: f32, s: f32, c: i32, band: u8, extra: u8): void {
    const idx = this.peakCount & (PEAK_CAP - 1);
    unchecked(this.peakT[idx] = t);
    unchecked(this.peakF[idx] = f);
    unchecked(this.peakS[idx] = s);
    unchecked(this.peakC[idx] = c);
    unchecked(this.peakB[idx] = band);
    unchecked(this.peakX[idx] = extra);
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
