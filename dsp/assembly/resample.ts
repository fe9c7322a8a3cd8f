// Polyphase windowed-sinc resampler for any rate ratio.
// The low-pass is defined in output-rate terms, so every input rate yields the same
// spectrum at the engine rate: a 44.1 kHz file and a 22.05 kHz query of it must agree.

const PHASES: i32 = 256;

function besselI0(x: f64): f64 {
  let sum = 1.0;
  let term = 1.0;
  const q = x * x / 4.0;
  for (let k = 1; k < 50; k++) {
    term *= q / (<f64>k * <f64>k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

export class Resampler {
  ratio: f64;        // input samples per output sample
  half: i32;         // kernel half-length in input samples
  taps: i32;         // padded to a multiple of 8: two 4-wide accumulators
  table!: StaticArray<f32>;
  buf!: StaticArray<f32>;
  len: i32 = 0;      // valid samples in buf
  pos: f64;          // input position (in buf) of the next output sample

  constructor(inRate: f64, outRate: f64, cutoffHz: f64, zeroCrossings: i32, maxChunk: i32) {
    this.ratio = inRate / outRate;
    const scale = this.ratio > 1.0 ? this.ratio : 1.0;
    this.half = <i32>Math.ceil(<f64>zeroCrossings * scale * (outRate / 2.0) / cutoffHz);
    this.taps = ((2 * this.half + 7) >> 3) << 3;
    const taps = this.taps;
    this.table = new StaticArray<f32>(PHASES * taps);
    const fc = cutoffHz / inRate;           // normalised cut-off, cycles per input sample
    const beta = 8.0;
    const i0b = besselI0(beta);
    const h = <f64>this.half;
    for (let p = 0; p < PHASES; p++) {
      const frac = <f64>p / <f64>PHASES;
      let sum = 0.0;
      for (let j = 0; j < taps; j++) {
        // tap j multiplies input sample floor(pos) - half + 1 + j
        const x = frac + h - 1.0 - <f64>j;
        let v = 0.0;
        if (Math.abs(x) < h) {
          const arg = 2.0 * fc * x;
          const sinc = x == 0.0 ? 1.0 : Math.sin(Math.PI * arg) / (Math.PI * arg);
          const r = x / h;
          v = 2.0 * fc * sinc * besselI0(beta * Math.sqrt(1.0 - r * r)) / i0b;
        }
        unchecked(this.table[p * taps + j] = <f32>v);
        sum += v;
      }
      for (let j = 0; j < taps; j++) unchecked(this.table[p * taps + j] = <f32>(<f64>unchecked(this.table[p * taps + j]) / sum));
    }
    this.buf = new StaticArray<f32>(taps + 8 + maxChunk + 8);
    // Start with half a kernel of silence so output sample 0 sits on input sample 0.
    this.len = this.half;
    this.pos = <f64>this.half;
  }

  /** Appends samples from `src` (mono, `n` of them) and writes outputs to `out`; returns how many. */
  process(src: usize, n: i32, out: usize): i32 {
    memory.copy(changetype<usize>(this.buf) + (<usize>this.len << 2), src, <usize>n << 2);
    this.len += n;
    const taps = this.taps;
    const half = this.half;
    const bufPtr = changetype<usize>(this.buf);
    const tablePtr = changetype<usize>(this.table);
    let produced = 0;
    let pos = this.pos;
    while (true) {
      const ip = <i32>Math.floor(pos);
      const start = ip - half + 1;
      if (start + taps > this.len) break;
      let phase = <i32>Math.floor((pos - <f64>ip) * <f64>PHASES + 0.5);
      let s0 = start;
      if (phase >= PHASES) { phase -= PHASES; s0 += 1; if (s0 + taps > this.len) break; }
      // two accumulators so consecutive multiply-adds do not wait on each other
      let acc0 = f32x4.splat(0);
      let acc1 = f32x4.splat(0);
      const a = bufPtr + (<usize>s0 << 2);
      const k = tablePtr + (<usize>(phase * taps) << 2);
      for (let j = 0; j < taps; j += 8) {
        const o = <usize>j << 2;
        acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(k + o)));
        acc1 = f32x4.add(acc1, f32x4.mul(v128.load(a + o, 16), v128.load(k + o, 16)));
      }
      const acc = f32x4.add(acc0, acc1);
      const y = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
      store<f32>(out + (<usize>produced << 2), y);
      produced++;
      pos += this.ratio;
    }
    // Drop input no future output needs.
    const drop = <i32>Math.floor(pos) - half - 1;
    if (drop > 0) {
      memory.copy(bufPtr, bufPtr + (<usize>drop << 2), <usize>(this.len - drop) << 2);
      this.len -= drop;
      pos -= <f64>drop;
    }
    this.pos = pos;
    return produced;
  }

  /** Most outputs one call can produce for `n` new inputs. */
  maxOutput(n: i32): i32 {
    return <i32>Math.ceil(<f64>(n + this.taps + 8) / this.ratio) + 2;
  }
}
