// Pieces joined into one array (network chunks, Ogg segments, sniffing heads; an envelope's
// steps as the engine gives them), and bytes as hex (digests).

/** The pieces, one after another; when only one holds values it comes back as it is, not copied. */
function joined<T extends Uint8Array | Float32Array>(pieces: readonly T[], make: (length: number) => T): T {
  const full = pieces.filter((p) => p.length > 0);
  if (full.length === 1) return full[0];
  const out = make(full.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of full) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const concatBytes = (pieces: readonly Uint8Array[]): Uint8Array => joined(pieces, (n) => new Uint8Array(n));
export const concatSteps = (pieces: readonly Float32Array[]): Float32Array => joined(pieces, (n) => new Float32Array(n));

/** Lower-case hex, two digits a byte. */
export function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}
