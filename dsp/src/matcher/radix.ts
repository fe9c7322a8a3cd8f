// Ascending, stable sort of non-negative integer keys below 2^53 (vote cells), by LSD radix
// on digits of their two 32-bit halves, carrying a payload along. Float64Array's own
// sort costs ~2.3 ms for the ~24k votes of a query at 10k tracks and cannot carry a payload;
// this takes a fraction.

/**
 * Digit width: 11 bits, or 16 from WIDE_FROM keys on, where a pass fewer (the low half in
 * two instead of three) outweighs clearing and summing 64k counters per pass.
 */
const WIDE_FROM = 1 << 15;
const counts = new Uint32Array(1 << 16);

/**
 * Work arrays kept between calls: a query sorts up to a few hundred thousand votes per pass,
 * and fresh arrays each time cost the garbage collector about as much as the sort.
 */
let work = { hi: new Uint32Array(0), lo: new Uint32Array(0), pay: new Uint32Array(0), hi2: new Uint32Array(0), lo2: new Uint32Array(0), pay2: new Uint32Array(0) };

function workFor(n: number): typeof work {
  if (work.hi.length < n) {
    let size = 1024;
    while (size < n) size *= 2;
    work = { hi: new Uint32Array(size), lo: new Uint32Array(size), pay: new Uint32Array(size), hi2: new Uint32Array(size), lo2: new Uint32Array(size), pay2: new Uint32Array(size) };
  }
  return work;
}

/** Sorts `keys[0..n)` in place; `payload[0..n)` (if given) moves with its key, and equal keys keep their order. */
export function sortCells(keys: Float64Array, n: number, payload?: Uint32Array): void {
  if (n < 512 && !payload) {
    keys.subarray(0, n).sort();
    return;
  }
  let { hi, lo, pay, hi2, lo2, pay2 } = workFor(n);
  let maxHi = 0;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    const h = Math.floor(k / 4294967296);
    hi[i] = h;
    lo[i] = k - h * 4294967296;
    if (h > maxHi) maxHi = h;
  }
  if (payload) pay.set(payload.subarray(0, n));
  const bits = n >= WIDE_FROM ? 16 : 11;
  const buckets = 1 << bits;
  // digits: the low half's, then the high half's as far as its largest value reaches
  const digits: [word: 0 | 1, shift: number][] = [];
  for (let shift = 0; shift < 32; shift += bits) digits.push([0, shift]);
  for (let shift = 0; shift < 32 && maxHi >>> shift > 0; shift += bits) digits.push([1, shift]);
  for (const [which, shift] of digits) {
    const word = which === 0 ? lo : hi;
    counts.fill(0, 0, buckets);
    for (let i = 0; i < n; i++) counts[(word[i] >>> shift) & (buckets - 1)]++;
    let sum = 0;
    for (let b = 0; b < buckets; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(word[i] >>> shift) & (buckets - 1)]++;
      hi2[at] = hi[i];
      lo2[at] = lo[i];
      pay2[at] = pay[i];
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [pay, pay2] = [pay2, pay];
  }
  for (let i = 0; i < n; i++) keys[i] = hi[i] * 4294967296 + lo[i];
  if (payload) payload.set(pay.subarray(0, n));
}
