// Real FFT of size N through a complex radix-2 FFT of size N/2 and a split step.

export class RealFFT {
  n: i32;
  m: i32;
  rev!: StaticArray<i32>;
  twr!: StaticArray<f32>;    // twiddles of the half-size complex FFT, stage by stage
  twi!: StaticArray<f32>;
  cosN!: StaticArray<f32>;   // twiddles of the split step
  sinN!: StaticArray<f32>;
  re!: StaticArray<f32>;
  im!: StaticArray<f32>;

  /** n a power of two, at least 16 (the first two stages are done together, then 4-wide SIMD). */
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
    // twiddles of the stage with half-size h at offset h - 1: cos/sin(-2 pi j / 2h), j < h
    this.twr = new StaticArray<f32>(m + 4);
    this.twi = new StaticArray<f32>(m + 4);
    for (let h = 1; h < m; h <<= 1) {
      for (let j = 0; j < h; j++) {
        const a = -Math.PI * <f64>j / <f64>h;
        unchecked(this.twr[h - 1 + j] = <f32>Math.cos(a));
        unchecked(this.twi[h - 1 + j] = <f32>Math.sin(a));
      }
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
    // stages of size 2 and 4 together: their twiddles are 1 and -i, no multiplies
    for (let a = 0; a + 3 < m; a += 4) {
      const r0 = unchecked(re[a]), i0 = unchecked(im[a]);
      const r1 = unchecked(re[a + 1]), i1 = unchecked(im[a + 1]);
      const r2 = unchecked(re[a + 2]), i2 = unchecked(im[a + 2]);
      const r3 = unchecked(re[a + 3]), i3 = unchecked(im[a + 3]);
      const s0r = r0 + r1, s0i = i0 + i1, d0r = r0 - r1, d0i = i0 - i1;
      const s1r = r2 + r3, s1i = i2 + i3, d1r = r2 - r3, d1i = i2 - i3;
      unchecked(re[a] = s0r + s1r); unchecked(im[a] = s0i + s1i);
      unchecked(re[a + 2] = s0r - s1r); unchecked(im[a + 2] = s0i - s1i);
      // (d1r + i d1i) * (-i) = d1i - i d1r
      unchecked(re[a + 1] = d0r + d1i); unchecked(im[a + 1] = d0i - d1r);
      unchecked(re[a + 3] = d0r - d1i); unchecked(im[a + 3] = d0i + d1r);
    }
    // later stages four butterflies at a time; the twiddles of a stage are contiguous
    const rp = changetype<usize>(re);
    const ip = changetype<usize>(im);
    const cp = changetype<usize>(this.twr);
    const sp = changetype<usize>(this.twi);
    for (let half = 4; half < m; half <<= 1) {
      const size = half << 1;
      const tw = <usize>(half - 1) << 2;
      for (let start = 0; start < m; start += size) {
        for (let j = 0; j < half; j += 4) {
          const ao = <usize>(start + j) << 2;
          const bo = ao + (<usize>half << 2);
          const wr = v128.load(cp + tw + (<usize>j << 2));
          const wi = v128.load(sp + tw + (<usize>j << 2));
          const br = v128.load(rp + bo);
          const bi = v128.load(ip + bo);
          const tr = f32x4.sub(f32x4.mul(br, wr), f32x4.mul(bi, wi));
          const ti = f32x4.add(f32x4.mul(br, wi), f32x4.mul(bi, wr));
          const ar = v128.load(rp + ao);
          const ai = v128.load(ip + ao);
          v128.store(rp + bo, f32x4.sub(ar, tr));
          v128.store(ip + bo, f32x4.sub(ai, ti));
          v128.store(rp + ao, f32x4.add(ar, tr));
          v128.store(ip + ao, f32x4.add(ai, ti));
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
