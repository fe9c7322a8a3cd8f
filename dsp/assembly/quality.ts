// Audio-quality metrics, accumulated over a stream in bounded memory:
// level (peak, RMS dBFS), ITU-R BS.1770 integrated loudness (K-weighted, gated),
// clipping, silence, invalid samples, DC offset and a spectral SNR estimate.

const MAX_CH: i32 = 8;
const HIST_MIN: f64 = -70.0;    // absolute gate (LUFS)
const HIST_STEP: f64 = 0.1;
const HIST_BINS: i32 = 800;     // -70 .. +10 LUFS

export const Q_DURATION: i32 = 0;
export const Q_PEAK_DBFS: i32 = 1;
export const Q_RMS_DBFS: i32 = 2;
export const Q_LOUDNESS: i32 = 3;
export const Q_CLIPPING: i32 = 4;
export const Q_SILENCE: i32 = 5;
export const Q_SNR: i32 = 6;
export const Q_INVALID: i32 = 7;
export const Q_DC: i32 = 8;
export const Q_FIELDS: i32 = 9;

class Biquad {
  b0: f64; b1: f64; b2: f64; a1: f64; a2: f64;
  constructor(b0: f64, b1: f64, b2: f64, a1: f64, a2: f64) {
    this.b0 = b0; this.b1 = b1; this.b2 = b2; this.a1 = a1; this.a2 = a2;
  }
}

function dbOf(power: f64): f64 {
  return power > 0.0 ? 10.0 * Math.log10(power) : -Infinity;
}

export class Quality {
  rate: f64;
  channels: i32;
  shelf: Biquad;
  highpass: Biquad;
  // per-channel filter states: [x1, x2, y1, y2] for each stage
  st: StaticArray<f64> = new StaticArray<f64>(MAX_CH * 8);
  frames: i64 = 0;
  samples: i64 = 0;
  invalid: i64 = 0;
  clipped: i64 = 0;
  peak: f64 = 0.0;
  sumSq: f64 = 0.0;
  sum: f64 = 0.0;
  // 100 ms sub-blocks
  subLen: i32;
  subPos: i32 = 0;
  subK: f64 = 0.0;           // K-weighted energy summed over channels
  subMono: f64 = 0.0;        // mono energy and sum of the current block
  subMonoSum: f64 = 0.0;
  ring: StaticArray<f64> = new StaticArray<f64>(4);
  ringFill: i32 = 0;
  subBlocks: i64 = 0;
  silentBlocks: i64 = 0;
  histCount: StaticArray<f64> = new StaticArray<f64>(HIST_BINS);
  histSum: StaticArray<f64> = new StaticArray<f64>(HIST_BINS);
  // spectral SNR
  sigPow: f64 = 0.0;
  noisePow: f64 = 0.0;
  scratch: StaticArray<f32> = new StaticArray<f32>(4096);

  /** K-weighted loudness costs two biquads per input sample: bulk ingest can skip it. */
  loudness: bool;

  constructor(rate: f64, channels: i32, loudness: bool) {
    this.rate = rate;
    this.loudness = loudness;
    this.channels = channels < MAX_CH ? channels : MAX_CH;
    this.subLen = <i32>Math.round(rate * 0.1);
    // BS.1770 pre-filter, coefficients derived for any rate
    let f0 = 1681.974450955533;
    const g = 3.999843853973347;
    let q = 0.7071752369554196;
    let k = Math.tan(Math.PI * f0 / rate);
    const vh = Math.pow(10.0, g / 20.0);
    const vb = Math.pow(vh, 0.4996667741545416);
    let a0 = 1.0 + k / q + k * k;
    this.shelf = new Biquad((vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0,
      (vh - vb * k / q + k * k) / a0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0);
    f0 = 38.13547087602444;
    q = 0.5003270373238773;
    k = Math.tan(Math.PI * f0 / rate);
    a0 = 1.0 + k / q + k * k;
    this.highpass = new Biquad(1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0);
  }

  /**
   * Interleaved input plus its mono downmix (already sanitised). Runs on every input
   * sample, so the channel-blind statistics are 4-wide SIMD over the whole chunk, and
   * only the K-weighting (when on) walks channel by channel.
   */
  feed(src: usize, frames: i32, channels: i32, mono: usize): void {
    this.stats(src, frames * channels);
    let i = 0;
    while (i < frames) {
      const len = min(frames - i, this.subLen - this.subPos);
      if (this.loudness) {
        for (let c = 0; c < min(channels, MAX_CH); c++) this.kWeight(src, i, len, c, channels);
      }
      this.blockEnergy(mono, i, len);
      this.subPos += len;
      i += len;
      if (this.subPos == this.subLen) this.closeSubBlock();
    }
    this.samples += <i64>frames * channels;
    this.frames += frames;
  }

  /** Peak, sum, sum of squares, clipped and invalid (NaN/inf) counts over n samples. */
  private stats(src: usize, n: i32): void {
    const inf = f32x4.splat(Infinity);
    const clip = f32x4.splat(<f32>0.9999);
    let vPeak = f32x4.splat(0);
    let vSum = f32x4.splat(0);
    let vSq = f32x4.splat(0);
    let vClip = i32x4.splat(0);
    let vValid = i32x4.splat(0);
    const n4 = n & ~3;
    for (let k = 0; k < n4; k += 4) {
      const x = v128.load(src + (<usize>k << 2));
      const valid = f32x4.lt(f32x4.abs(x), inf);     // false for NaN and +-inf
      const y = v128.and(x, valid);
      const ay = f32x4.abs(y);
      vPeak = f32x4.max(vPeak, ay);
      vSum = f32x4.add(vSum, y);
      vSq = f32x4.add(vSq, f32x4.mul(y, y));
      vClip = i32x4.sub(vClip, f32x4.ge(ay, clip));
      vValid = i32x4.sub(vValid, valid);
    }
    let peak = <f64>max(max(f32x4.extract_lane(vPeak, 0), f32x4.extract_lane(vPeak, 1)), max(f32x4.extract_lane(vPeak, 2), f32x4.extract_lane(vPeak, 3)));
    let sum = <f64>(f32x4.extract_lane(vSum, 0) + f32x4.extract_lane(vSum, 1) + f32x4.extract_lane(vSum, 2) + f32x4.extract_lane(vSum, 3));
    let sq = <f64>(f32x4.extract_lane(vSq, 0) + f32x4.extract_lane(vSq, 1) + f32x4.extract_lane(vSq, 2) + f32x4.extract_lane(vSq, 3));
    let clipped = <i64>(i32x4.extract_lane(vClip, 0) + i32x4.extract_lane(vClip, 1) + i32x4.extract_lane(vClip, 2) + i32x4.extract_lane(vClip, 3));
    let valid = <i64>(i32x4.extract_lane(vValid, 0) + i32x4.extract_lane(vValid, 1) + i32x4.extract_lane(vValid, 2) + i32x4.extract_lane(vValid, 3));
    for (let k = n4; k < n; k++) {
      const x = <f64>load<f32>(src + (<usize>k << 2));
      if (!(x - x == 0.0)) continue;
      valid++;
      const ax = Math.abs(x);
      if (ax >= 0.9999) clipped++;
      peak = max(peak, ax);
      sum += x;
      sq += x * x;
    }
    this.peak = max(this.peak, peak);
    this.sum += sum;
    this.sumSq += sq;
    this.clipped += clipped;
    this.invalid += <i64>n - valid;
  }

  private kWeight(src: usize, from: i32, len: i32, c: i32, channels: i32): void {
    const sh = this.shelf;
    const hp = this.highpass;
    const o = c * 8;
    const st = this.st;
    let x1 = unchecked(st[o]), x2 = unchecked(st[o + 1]), y1 = unchecked(st[o + 2]), y2 = unchecked(st[o + 3]);
    let u1 = unchecked(st[o + 4]), u2 = unchecked(st[o + 5]), z1 = unchecked(st[o + 6]), z2 = unchecked(st[o + 7]);
    let kSum = 0.0;
    let p = src + (<usize>(from * channels + c) << 2);
    const stride = <usize>channels << 2;
    for (let k = 0; k < len; k++, p += stride) {
      let x = <f64>load<f32>(p);
      if (!(x - x == 0.0)) x = 0.0;
      const y = sh.b0 * x + sh.b1 * x1 + sh.b2 * x2 - sh.a1 * y1 - sh.a2 * y2;
      x2 = x1; x1 = x; y2 = y1; y1 = y;
      const z = y + hp.b1 * u1 + u2 - hp.a1 * z1 - hp.a2 * z2;
      u2 = u1; u1 = y; z2 = z1; z1 = z;
      kSum += z * z;
    }
    unchecked(st[o] = x1); unchecked(st[o + 1] = x2); unchecked(st[o + 2] = y1); unchecked(st[o + 3] = y2);
    unchecked(st[o + 4] = u1); unchecked(st[o + 5] = u2); unchecked(st[o + 6] = z1); unchecked(st[o + 7] = z2);
    this.subK += kSum;
  }

  /** Mono sum and energy of a 100 ms block: its variance is its energy without DC. */
  private blockEnergy(mono: usize, from: i32, len: i32): void {
    let vSum = f32x4.splat(0);
    let vSq = f32x4.splat(0);
    const p = mono + (<usize>from << 2);
    const n4 = len & ~3;
    for (let k = 0; k < n4; k += 4) {
      const x = v128.load(p + (<usize>k << 2));
      vSum = f32x4.add(vSum, x);
      vSq = f32x4.add(vSq, f32x4.mul(x, x));
    }
    let sum = <f64>(f32x4.extract_lane(vSum, 0) + f32x4.extract_lane(vSum, 1) + f32x4.extract_lane(vSum, 2) + f32x4.extract_lane(vSum, 3));
    let sq = <f64>(f32x4.extract_lane(vSq, 0) + f32x4.extract_lane(vSq, 1) + f32x4.extract_lane(vSq, 2) + f32x4.extract_lane(vSq, 3));
    for (let k = n4; k < len; k++) {
      const x = <f64>load<f32>(p + (<usize>k << 2));
      sum += x;
      sq += x * x;
    }
    this.subMonoSum += sum;
    this.subMono += sq;
  }

  private closeSubBlock(): void {
    const n = <f64>this.subLen;
    this.subBlocks++;
    const mean = this.subMonoSum / n;
    if (this.subMono / n - mean * mean < 1e-6) this.silentBlocks++;          // -60 dBFS
    const ring = this.ring;
    unchecked(ring[0] = ring[1]); unchecked(ring[1] = ring[2]); unchecked(ring[2] = ring[3]);
    unchecked(ring[3] = this.subK / n);
    if (this.ringFill < 4) this.ringFill++;
    if (this.ringFill == 4) {
      const z = (unchecked(ring[0]) + unchecked(ring[1]) + unchecked(ring[2]) + unchecked(ring[3])) * 0.25;
      const l = -0.691 + dbOf(z);
      if (l > HIST_MIN) {
        let b = <i32>Math.floor((l - HIST_MIN) / HIST_STEP);
        if (b >= HIST_BINS) b = HIST_BINS - 1;
        unchecked(this.histCount[b] += 1.0);
        unchecked(this.histSum[b] += z);
      }
    }
    this.subPos = 0;
    this.subK = 0.0;
    this.subMono = 0.0;
    this.subMonoSum = 0.0;
  }

  /** One engine-rate power spectrum (bins lo..hi): noise ~ median bin power / ln 2. */
  feedSpectrum(power: usize, lo: i32, hi: i32): void {
    const n = hi - lo + 1;
    if (n <= 2 || n > 4096) return;
    let total = 0.0;
    const s = this.scratch;
    for (let i = 0; i < n; i++) {
      const v = load<f32>(power + (<usize>(lo + i) << 2));
      unchecked(s[i] = v);
      total += <f64>v;
    }
    if (total <= 1e-9) return;
    const med = <f64>select(s, n, n >> 1);
    const noise = Math.min(total, med / Math.LN2 * <f64>n);
    this.noisePow += noise;
    this.sigPow += total - noise;
  }

  write(out: StaticArray<f64>): void {
    const frames = <f64>this.frames;
    const samples = <f64>this.samples;
    unchecked(out[Q_DURATION] = frames / this.rate);
    unchecked(out[Q_PEAK_DBFS] = this.peak > 0.0 ? 20.0 * Math.log10(this.peak) : -Infinity);
    unchecked(out[Q_RMS_DBFS] = samples > 0.0 ? dbOf(this.sumSq / samples) : -Infinity);
    // integrated loudness with the relative gate at -10 LU
    let cnt = 0.0;
    let sum = 0.0;
    for (let b = 0; b < HIST_BINS; b++) { cnt += unchecked(this.histCount[b]); sum += unchecked(this.histSum[b]); }
    let loud = -Infinity;
    if (cnt > 0.0) {
      const gate = -0.691 + dbOf(sum / cnt) - 10.0;
      let c2 = 0.0;
      let s2 = 0.0;
      for (let b = 0; b < HIST_BINS; b++) {
        if (HIST_MIN + (<f64>b + 0.5) * HIST_STEP >= gate) { c2 += unchecked(this.histCount[b]); s2 += unchecked(this.histSum[b]); }
      }
      if (c2 > 0.0) loud = -0.691 + dbOf(s2 / c2);
    }
    unchecked(out[Q_LOUDNESS] = this.loudness ? loud : NaN);
    unchecked(out[Q_CLIPPING] = samples > 0.0 ? <f64>this.clipped / samples : 0.0);
    unchecked(out[Q_SILENCE] = this.subBlocks > 0 ? <f64>this.silentBlocks / <f64>this.subBlocks : 1.0);
    unchecked(out[Q_SNR] = this.noisePow > 0.0 ? 10.0 * Math.log10(Math.max(this.sigPow, 1e-12) / this.noisePow) : -Infinity);
    unchecked(out[Q_INVALID] = samples > 0.0 ? <f64>this.invalid / samples : 0.0);
    unchecked(out[Q_DC] = samples > 0.0 ? this.sum / samples : 0.0);
  }
}

/** k-th smallest of a[0..n) (quickselect, reorders a). */
function select(a: StaticArray<f32>, n: i32, k: i32): f32 {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = unchecked(a[(lo + hi) >> 1]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (unchecked(a[i]) < pivot) i++;
      while (unchecked(a[j]) > pivot) j--;
      if (i <= j) {
        const t = unchecked(a[i]); unchecked(a[i] = a[j]); unchecked(a[j] = t);
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return unchecked(a[k]);
}
