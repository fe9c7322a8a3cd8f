// A result token carries its answer, sealed: the track ids, confidences, offsets and speeds
// of an identify answer, when it was given, and an HMAC over them (docs/sharing.md, "The
// token carries the answer"). Reading it back needs the key and the catalog's names, no
// stored copy: an answer costs no write, and a link works at every location at once.
import { defaultMatchOptions, MATCH_EVIDENCE, type MatchEvidence } from '../../dsp/src/index';
import { IDENTIFY_STATUSES, type IdentifyStatus } from '../../common/api-types';
import { base64url, fromBase64url } from '../encoding';

/** What a token holds: an identify answer as the catalog can name it again. */
export interface SealedAnswer {
  status: IdentifyStatus;
  degraded: boolean;
  fp_version: number;
  ms: number;
  matches: { id: number; confidence: number; offset_s: number; speed: number }[];
  /** With a match: what named it. */
  evidence?: MatchEvidence;
  /** Unix seconds. */
  issued: number;
}

const FORMAT = 1;
/** format u8, issued u32, status | degraded << 2 | evidence << 3 u8, fp_version u8, ms × 10 u32, matches u8 */
const HEADER_BYTES = 12;
/** track id u32, confidence f64, offset in ms i32, speed × 1000 u16 */
const MATCH_BYTES = 18;
/** 128 bits of HMAC-SHA256: a forgery needs 2^128 tries, each a request. */
const TAG_BYTES = 16;
const MAX_MATCHES = defaultMatchOptions.top;

const chars = (bytes: number) => Math.ceil((bytes * 4) / 3);
/** No matches to the most an answer has: 38 to 110 base64url characters. */
export const TOKEN_PATTERN = `^[A-Za-z0-9_-]{${chars(HEADER_BYTES + TAG_BYTES)},${chars(HEADER_BYTES + MAX_MATCHES * MATCH_BYTES + TAG_BYTES)}}$`;

async function tag(key: CryptoKey, payload: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, payload), 0, TAG_BYTES);
}

export async function sealAnswer(key: CryptoKey, a: SealedAnswer): Promise<string> {
  if (a.matches.length > MAX_MATCHES) throw new Error(`an answer has at most ${MAX_MATCHES} matches`);
  const payload = new Uint8Array(HEADER_BYTES + a.matches.length * MATCH_BYTES);
  const v = new DataView(payload.buffer);
  v.setUint8(0, FORMAT);
  v.setUint32(1, a.issued, true);
  // evidence 0 (the hashes) is what tokens sealed before the envelope read as
  v.setUint8(5, IDENTIFY_STATUSES.indexOf(a.status) | (a.degraded ? 4 : 0) | (Math.max(0, MATCH_EVIDENCE.indexOf(a.evidence ?? 'hashes')) << 3));
  v.setUint8(6, a.fp_version);
  v.setUint32(7, Math.round(a.ms * 10), true);
  v.setUint8(11, a.matches.length);
  a.matches.forEach((m, i) => {
    const at = HEADER_BYTES + i * MATCH_BYTES;
    v.setUint32(at, m.id, true);
    v.setFloat64(at + 4, m.confidence, true);
    v.setInt32(at + 12, Math.round(m.offset_s * 1000), true);
    v.setUint16(at + 16, Math.round(m.speed * 1000), true);
  });
  const token = new Uint8Array(payload.length + TAG_BYTES);
  token.set(payload);
  token.set(await tag(key, payload), payload.length);
  return base64url(token);
}

/** The answer sealed in `token`, or null when the key did not seal it (or it is not a token). */
export async function openAnswer(key: CryptoKey, token: string): Promise<SealedAnswer | null> {
  const bytes = fromBase64url(token);
  // one answer, one token: the last character's unused bits must be zero
  if (!bytes || bytes.length < HEADER_BYTES + TAG_BYTES || base64url(bytes) !== token) return null;
  const payload = bytes.subarray(0, bytes.length - TAG_BYTES);
  if (!crypto.subtle.timingSafeEqual(await tag(key, payload), bytes.subarray(payload.length))) return null;
  const v = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const count = v.getUint8(11);
  // a sealed token of another format or length was made by a future server: not ours to read
  if (v.getUint8(0) !== FORMAT || payload.length !== HEADER_BYTES + count * MATCH_BYTES) return null;
  const status = IDENTIFY_STATUSES[v.getUint8(5) & 3];
  if (!status) return null;
  const matches = Array.from({ length: count }, (_, i) => {
    const at = HEADER_BYTES + i * MATCH_BYTES;
    return { id: v.getUint32(at, true), confidence: v.getFloat64(at + 4, true), offset_s: v.getInt32(at + 12, true) / 1000, speed: v.getUint16(at + 16, true) / 1000 };
  });
  const evidence = status === 'match' ? MATCH_EVIDENCE[(v.getUint8(5) >> 3) & 1] : undefined;
  return { status, degraded: (v.getUint8(5) & 4) !== 0, fp_version: v.getUint8(6), ms: v.getUint32(7, true) / 10, matches, issued: v.getUint32(1, true), ...(evidence ? { evidence } : {}) };
}
