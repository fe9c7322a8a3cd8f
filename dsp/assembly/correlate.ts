// The band envelope's search kernel (dsp/src/matcher/verify.ts): at every offset of a stored
// envelope, the dot product of each query phase with the window there, scaled by the
// window's spread, kept where it beats what `best` holds. The host computes the spreads
// (running sums); the dot products are the search's cost, here four lanes at a time.

/** x: offsets + span/bands blocks (f32); q: phases x span (f32); inv: one scale an offset; best: offsets x phases. */
export function correlate(x: usize, offsets: i32, q: usize, phases: i32, span: i32, bands: i32, inv: usize, best: usize): void {
  for (let s = 0; s < offsets; s++) {
    const w = x + (<usize>(s * bands) << 2);
    const scale = load<f32>(inv + (<usize>s << 2));
    for (let p = 0; p < phases; p++) {
      const qp = q + (<usize>(p * span) << 2);
      let acc = f32x4.splat(0);
      for (let i = 0; i < span; i += 4) {
        const o = <usize>i << 2;
        acc = f32x4.add(acc, f32x4.mul(v128.load(qp + o), v128.load(w + o)));
      }
      const r = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3)) * scale;
      const at = best + (<usize>(s * phases + p) << 2);
      if (r > load<f32>(at)) store<f32>(at, r);
    }
  }
}

let scratch: StaticArray<u8> | null = null;

/** At least `bytes` of memory the host may fill and read (kept between calls, grown when short). */
export function scratchOf(bytes: i32): usize {
  if (scratch === null || scratch!.length < bytes) scratch = new StaticArray<u8>(max(bytes, scratch === null ? 0 : scratch!.length * 2));
  return changetype<usize>(scratch!);
}
