// Byte pieces (network chunks, Ogg segments, sniffing heads) joined into one array.

/** The pieces, one after another; when only one holds bytes it comes back as it is, not copied. */
export function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const full = pieces.filter((p) => p.length > 0);
  if (full.length === 1) return full[0];
  const out = new Uint8Array(full.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of full) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
