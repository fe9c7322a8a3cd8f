// Byte pieces (network chunks, Ogg segments, sniffing heads) joined into one array, and
// bytes as hex (digests).

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

/** Lower-case hex, two digits a byte. */
export function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}
