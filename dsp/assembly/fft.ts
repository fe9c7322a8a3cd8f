// Real FFT of size N through a complex radix-2 FFT of size N/2 and a split step.

export class RealFFT {
  n: i32;
  m: i32;
  rev!: StaticArray<i32>;
  cosM!: StaticArray<f32>;   // twiddles of the half-size complex FFT
  sinM!: StaticArray<f32>;
  cosN!: StaticArray<f32>;   // twiddles of the split step
  sinN!: StaticArray<f32>;
  re!: StaticArray<f32>;
  im!: StaticArray<f32>;

  constructor(n: i32) {
    this.n = n;
    const m = n >> 1;
    this.m = m;
    this.rev = new StaticArray<i32>(m);
    let bits = 0;
    while ((1 << bits) < m) bits++;
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
      unchecked(this.rev[i] = r);
    }
    this.cosM = new StaticArray<f32>(m >> 1);
    this.sinM = new StaticArray<f32>(m >> 1);
    for (let i = 0; i < (m >> 1); i++) {
      const a = -2.0 * Math.PI * <f64>i / <f64>m;
      unchecked(this.cosM[i] = <f32>Math.cos(a));
      unchecked(this.sinM[i] = <f32>Math.sin(a));
    }
    this.cosN = new StaticArray<f32>(m + 1);
    this.sinN = new StaticArray<f32>(m + 1);
    for (let k = 0; k <= m; k++) {
      const a = 2.0 * Math.PI * <f64>k / <f64>n;
      unchecked(this.cosN[k] = <f32>Math.cos(a));
      unchecked(this.sinN[k] = <f32>Math.sin(a));
    }
    this.re = new StaticArray<f32>(m);
    this.im = new StaticArray<f32>(m);
  }

  /** Power spectrum |X[k]|^2, k = 0..n/2, of the n real samples at `src`, written to `dst`. */
  power(src: usize, dst: usize): void {
    const m = this.m;
    const re = this.re;
    const im = this.im;
    for (let i = 0; i < m; i++) {
      const r = unchecked(this.rev[i]);
      unchecked(re[r] = load<f32>(src + (<usize>(2 * i) << 2)));
      unchecked(im[r] = load<f32>(src + (<usize>(2 * i + 1) << 2)));
    }
    for (let size = 2; size <= m; size <<= 1) {
      const halfSize = size >> 1;
      const step = m / size;
      for (let start = 0; start < m; start += size) {
        for (let j = 0; j < halfSize; j++) {
          const wr = unchecked(this.cosM[j * step]);
          const wi = unchecked(this.sinM[j * step]);
          const a = start + j;
          const b = a + halfSize;
          const br = unchecked(re[b]);
          const bi = unchecked(im[b]);
          const tr = br * wr - bi * wi;
          const ti = br * wi + bi * wr;
          const ar = unchecked(re[a]);
          const ai = unchecked(im[a]);
          unchecked(re[b] = ar - tr);
          unchecked(im[b] = ai - ti);
          unchecked(re[a] = ar + tr);
          unchecked(im[a] = ai + ti);
        }
      }
    }
    for (let k = 0; k <= m; k++) {
      const ka = k == m ? 0 : k;
      const kb = k == 0 ? 0 : m - k;
      const a = unchecked(re[ka]);
      const b = unchecked(im[ka]);
      const c = unchecked(re[kb]);
      const d = unchecked(im[kb]);
      const feR = (a + c) * 0.5;
      const feI = (b - d) * 0.5;
      const foR = (b + d) * 0.5;
      const foI = (c - a) * 0.5;
      const cs = unchecked(this.cosN[k]);
      const sn = unchecked(this.sinN[k]);
      const xr = feR + cs * foR + sn * foI;
      const xi = feI + cs * foI - sn * foR;
      store<f32>(dst + (<usize>k << 2), xr * xr + xi * xi);
    }
  }
}
