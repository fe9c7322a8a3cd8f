// Envelope: the song's loudness contour in a few wide bands, which a room smears but keeps
// where it moves the peaks' times (docs/engine.md "A band envelope confirms the candidates").
// Each step sums the raw power (before smoothing) of C_ENV_STEP frames in C_ENV_BANDS bands
// spaced evenly in log frequency; the host pools steps into the index's and the query's forms.
import { C_RATE, C_FFT, C_ENV_BANDS, C_ENV_LO_HZ, C_ENV_HI_HZ, C_ENV_STEP } from './config';

export class Envelope {
  bands: i32;
  step: i32;
  /** First bin of each band, and one past the last band's. */
  edges!: StaticArray<i32>;
  acc!: StaticArray<f32>;
  inStep: i32 = 0;
  out!: StaticArray<f32>;
  outCount: i32 = 0;    // steps in `out`
  capacity: i32;
  overflow: bool = false;

  /** `maxFrames`: the most frames one call into the module can analyse. */
  constructor(cfg: StaticArray<f64>, maxFrames: i32) {
    this.bands = <i32>cfg[C_ENV_BANDS];
    this.step = <i32>cfg[C_ENV_STEP];
    const binHz = cfg[C_RATE] / cfg[C_FFT];
    const lo = cfg[C_ENV_LO_HZ];
    const ratio = cfg[C_ENV_HI_HZ] / lo;
    const nb = this.bands;
    this.edges = new StaticArray<i32>(nb + 1);
    for (let i = 0; i <= nb; i++) {
      unchecked(this.edges[i] = <i32>Math.round(lo * Math.pow(ratio, <f64>i / <f64>nb) / binHz));
    }
    // a band narrower than a bin still reads its lowest bin
    for (let i = 0; i < nb; i++) {
      if (unchecked(this.edges[i + 1]) <= unchecked(this.edges[i])) unchecked(this.edges[i + 1] = this.edges[i] + 1);
    }
    this.acc = new StaticArray<f32>(nb);
    this.capacity = maxFrames / this.step + 2;
    this.out = new StaticArray<f32>(this.capacity * nb);
  }

  /** One frame's power spectrum. */
  add(row: usize): void {
    const nb = this.bands;
    for (let b = 0; b < nb; b++) {
      let s: f32 = 0;
      const end = unchecked(this.edges[b + 1]);
      for (let k = unchecked(this.edges[b]); k < end; k++) s += load<f32>(row + (<usize>k << 2));
      unchecked(this.acc[b] += s);
    }
    if (++this.inStep < this.step) return;
    if (this.outCount >= this.capacity) {
      this.overflow = true;
    } else {
      memory.copy(changetype<usize>(this.out) + (<usize>(this.outCount * nb) << 2), changetype<usize>(this.acc), <usize>nb << 2);
      this.outCount++;
    }
    memory.fill(changetype<usize>(this.acc), 0, <usize>nb << 2);
    this.inStep = 0;
  }
}
