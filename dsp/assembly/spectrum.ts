// Spectrum: audio in, one power spectrum per hop out. Channels are mixed to mono,
// resampled to the engine rate, cut into Hann-windowed frames and transformed; each
// spectrum is averaged with the `smooth - 1` before it. The consumer (peaks.ts) names the
// row each spectrum goes to, so a spectrum is written once, where it is read.
import { Resampler } from './resample';
import { RealFFT } from './fft';
import { Quality } from './quality';
import { Envelope } from './envelope';
import { C_RATE, C_FFT, C_HOP, C_F_LO, C_F_HI, C_CUTOFF, C_ZERO_X, C_SMOOTH, C_BASS_HZ } from './config';

export class Spectrum {
  channels: i32;
  n: i32;
  hop: i32;
  bins: i32;
  // the band hashes are made of, in bins: the main band lo..hi, a bass band from bassLo
  lo: i32;
  bassLo: i32;               // == lo: no bass band
  hi: i32;
  smooth: i32;
  frames: i32 = 0;           // spectra computed

  resampler!: Resampler;
  fft!: RealFFT;
  quality: Quality;
  envelope!: Envelope;
  window!: StaticArray<f32>;
  mono!: StaticArray<f32>;
  resampled!: StaticArray<f32>;
  frameBuf!: StaticArray<f32>;
  frameLen: i32 = 0;
  frameStart: i32 = 0;       // the next frame's first sample in frameBuf
  windowed!: StaticArray<f32>;
  raw!: StaticArray<f32>;     // ring of the last `smooth` power spectra as computed

  constructor(inRate: f64, channels: i32, cfg: StaticArray<f64>, maxChunk: i32, quality: Quality) {
    this.channels = channels;
    this.quality = quality;
    const rate = cfg[C_RATE];
    this.n = <i32>cfg[C_FFT];
    this.hop = <i32>cfg[C_HOP];
    this.bins = (this.n >> 1) + 1;
    const binHz = rate / <f64>this.n;
    this.lo = <i32>Math.max(1.0, Math.round(cfg[C_F_LO] / binHz));
    this.bassLo = cfg[C_BASS_HZ] > 0 ? <i32>Math.max(1.0, Math.round(cfg[C_BASS_HZ] / binHz)) : this.lo;
    this.hi = <i32>Math.min(<f64>(this.bins - 2), Math.round(cfg[C_F_HI] / binHz));
    this.smooth = <i32>cfg[C_SMOOTH];

    this.resampler = new Resampler(inRate, rate, cfg[C_CUTOFF], <i32>cfg[C_ZERO_X], maxChunk);
    this.fft = new RealFFT(this.n);
    this.window = new StaticArray<f32>(this.n);
    for (let i = 0; i < this.n; i++) {
      unchecked(this.window[i] = <f32>(0.5 - 0.5 * Math.cos(2.0 * Math.PI * <f64>i / <f64>this.n)));
    }
    this.mono = new StaticArray<f32>(maxChunk);
    const maxOut = this.resampler.maxOutput(maxChunk);
    this.resampled = new StaticArray<f32>(maxOut);
    this.frameBuf = new StaticArray<f32>(this.n + maxOut);
    this.windowed = new StaticArray<f32>(this.n);
    this.raw = new StaticArray<f32>(this.smooth * this.bins);
    // a call analyses at most a frame buffer's worth of frames, and the end of stream's padding
    this.envelope = new Envelope(cfg, 2 * (this.n + maxOut) / this.hop + 2);
  }

  /** `frames` interleaved frames at `src`; non-finite samples count as invalid and become 0. */
  push(src: usize, frames: i32): void {
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
    this.append(changetype<usize>(this.resampled), this.resampler.process(mono, frames, changetype<usize>(this.resampled)));
  }

  /** End of stream, first the resampler's tail: the samples it still holds. */
  resamplerTail(): void {
    const pad = this.resampler.half + 8;
    const z = changetype<usize>(this.mono);
    memory.fill(z, 0, <usize>pad << 2);
    this.append(changetype<usize>(this.resampled), this.resampler.process(z, pad, changetype<usize>(this.resampled)));
  }

  /** Then enough silence to complete the last frame (in a call of its own: the frame buffer holds one chunk). */
  lastFrame(): void {
    memory.fill(changetype<usize>(this.resampled), 0, <usize>this.n << 2);
    this.append(changetype<usize>(this.resampled), this.n - this.hop);
  }

  private append(src: usize, n: i32): void {
    memory.copy(changetype<usize>(this.frameBuf) + (<usize>this.frameLen << 2), src, <usize>n << 2);
    this.frameLen += n;
  }

  /** The next frame's power spectrum into `row` (bins floats); false when no frame is complete. */
  next(row: usize): bool {
    const fb = changetype<usize>(this.frameBuf);
    if (this.frameStart + this.n > this.frameLen) {
      // the samples of the incomplete frame move to the front, ready for the next chunk
      if (this.frameStart > 0) {
        memory.copy(fb, fb + (<usize>this.frameStart << 2), <usize>(this.frameLen - this.frameStart) << 2);
        this.frameLen -= this.frameStart;
        this.frameStart = 0;
      }
      return false;
    }
    const n = this.n;
    const src = fb + (<usize>this.frameStart << 2);
    const w = changetype<usize>(this.windowed);
    const win = changetype<usize>(this.window);
    for (let i = 0; i < n; i += 4) {
      const o = <usize>i << 2;
      v128.store(w + o, f32x4.mul(v128.load(src + o), v128.load(win + o)));
    }
    this.fft.power(w, row);
    // the SNR estimate needs a sample of frames, not all of them
    if ((this.frames & 3) == 0) this.quality.feedSpectrum(row, this.lo, this.hi);
    this.envelope.add(row);
    if (this.smooth > 1) this.average(row);
    this.frames++;
    this.frameStart += this.hop;
    return true;
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
}
