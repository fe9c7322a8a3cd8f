// The streaming fingerprinter: audio in chunks of any size, hashes out as soon as they
// are final. The pipeline runs in three stages, one file each, as Olaf's does: spectrum.ts
// (audio to power spectra), peaks.ts (spectra to peaks), pairing.ts (peaks to hashes).
// Every buffer is allocated once in the constructors, so memory stays flat for an
// endless stream.
import { Quality } from './quality';
import { Spectrum } from './spectrum';
import { Peaks } from './peaks';
import { Pairing } from './pairing';
import { C_LOUDNESS } from './config';

export { PEAK_F32 } from './peaks';

export class Stream {
  quality: Quality;
  spectrum!: Spectrum;
  peaks!: Peaks;
  pairing!: Pairing;

  constructor(inRate: f64, channels: i32, cfg: StaticArray<f64>, maxChunk: i32) {
    this.quality = new Quality(inRate, channels, cfg[C_LOUDNESS] != 0.0);
    this.spectrum = new Spectrum(inRate, channels, cfg, maxChunk, this.quality);
    this.peaks = new Peaks(cfg, this.spectrum);
    this.pairing = new Pairing(cfg, this.peaks);
  }

  get out(): StaticArray<i32> { return this.pairing.out; }
  get peakOut(): StaticArray<f32> { return this.peaks.peakOut; }
  get peakOutCount(): i32 { return this.peaks.peakOutCount; }
  get frames(): i32 { return this.spectrum.frames; }
  get overflow(): bool { return this.peaks.overflow || this.spectrum.envelope.overflow; }
  get envelopeOut(): StaticArray<f32> { return this.spectrum.envelope.out; }
  get envelopeCount(): i32 { return this.spectrum.envelope.outCount; }

  /** `frames` interleaved frames at `src`; non-finite samples count as invalid and become 0. */
  push(src: usize, frames: i32): i32 {
    this.begin();
    this.spectrum.push(src, frames);
    this.analyse();
    return this.advance();
  }

  /** End of stream: pad so the last samples are analysed, then make everything final. */
  flush(): i32 {
    this.begin();
    if (!this.peaks.final) {
      this.spectrum.resamplerTail();
      this.analyse();
      this.spectrum.lastFrame();
      this.analyse();
      this.peaks.final = true;
    }
    return this.advance();
  }

  /** Continue emitting after the output block filled up. */
  drain(): i32 {
    this.begin();
    this.pairing.emitAnchors();
    return this.pairing.emitter.count;
  }

  /** Each call's output blocks hold what that call made final. */
  private begin(): void {
    this.pairing.emitter.count = 0;
    this.peaks.peakOutCount = 0;
    this.spectrum.envelope.outCount = 0;
  }

  /** Every complete frame to spectrum and peak candidates, one frame at a time. */
  private analyse(): void {
    const spectrum = this.spectrum;
    const peaks = this.peaks;
    while (spectrum.next(peaks.row())) peaks.add();
  }

  private advance(): i32 {
    this.peaks.update();
    this.pairing.emitAnchors();
    return this.pairing.emitter.count;
  }
}
