// Byte encodings the API writes: digests as hex (the engine's, which names the catalog's
// content by one), tokens and keys as base64url.
import { hex } from '../../dsp/src/index';

export { hex };

/** RFC 4648 base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}
