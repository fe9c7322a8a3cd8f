// The frequency half of the peak test's neighbourhood maximum, one spectrum at a time:
// the time half then only compares the filtered spectra of the frames around (peaks.ts).

/**
 * dst[f] = max(src[f - r .. f + r]) for all n bins, in O(n) whatever r (van Herk /
 * Gil-Werman: block-wise prefix and suffix maxima). `tmp` holds 2 * (n + 2r) floats.
 */
export function maxFilter(src: usize, dst: usize, tmp: usize, n: i32, r: i32): void {
  const w = 2 * r + 1;
  const m = n + 2 * r;                 // padded length: r zeros (powers are >= 0) each side
  const pre = tmp;
  const suf = tmp + (<usize>m << 2);
  for (let i = 0; i < m; i++) {
    const j = i - r;
    const v: f32 = j >= 0 && j < n ? load<f32>(src + (<usize>j << 2)) : 0;
    const p: f32 = i % w == 0 ? v : max(v, load<f32>(pre + (<usize>(i - 1) << 2)));
    store<f32>(pre + (<usize>i << 2), p);
  }
  for (let i = m - 1; i >= 0; i--) {
    const j = i - r;
    const v: f32 = j >= 0 && j < n ? load<f32>(src + (<usize>j << 2)) : 0;
    const q: f32 = i == m - 1 || (i + 1) % w == 0 ? v : max(v, load<f32>(suf + (<usize>(i + 1) << 2)));
    store<f32>(suf + (<usize>i << 2), q);
  }
  // window [i, i + w - 1] in padded coordinates is centred on bin i
  for (let i = 0; i < n; i++) {
    store<f32>(dst + (<usize>i << 2), max(load<f32>(suf + (<usize>i << 2)), load<f32>(pre + (<usize>(i + w - 1) << 2))));
  }
}
