// Byte encodings the API writes: digests as hex (the engine's, which names the catalog's
// content by one), tokens and keys as base64url.
import { hex } from '../../dsp/src/index';

export { hex };

/** RFC 4648 base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of an RFC 4648 base64url string without padding, or null when it is not one. */
export function fromBase64url(text: string): Uint8Array | null {
  // a length of 1 mod 4 is no whole byte; atob alone would accept padding and other letters
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}
