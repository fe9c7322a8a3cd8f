// ACRCloud's identify protocol (https://docs.acrcloud.com, "Identification API"): a signed
// multipart POST of an audio sample; the answer's status code says what happened.
import type { ExternalRecording } from '../../common/api-types';

export const IDENTIFY_PATH = '/v1/identify';
export const DATA_TYPE = 'audio';
export const SIGNATURE_VERSION = '1';

/** The answer codes Earshot acts on. */
export const ACR = {
  OK: 0,
  NO_RESULT: 1001,
  INTERNAL: 3000,
  INVALID_KEY: 3001,
  INVALID_PARAMS: 3006,
  QUOTA: 3003,
  BAD_SIGNATURE: 3014,
  QPS: 3015,
} as const;

const b64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** Base64(HMAC-SHA1(secret, "POST\n/v1/identify\n{key}\naudio\n1\n{timestamp}")). */
export async function signature(secret: string, accessKey: string, timestamp: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const text = ['POST', IDENTIFY_PATH, accessKey, DATA_TYPE, SIGNATURE_VERSION, timestamp].join('\n');
  return b64(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)));
}

export interface AcrMusic {
  title: string;
  artists?: { name: string }[];
  album?: { name: string };
  acrid: string;
  score?: number;
  play_offset_ms?: number;
  duration_ms?: number;
  label?: string;
  release_date?: string;
  external_ids?: { isrc?: string | string[]; upc?: string | string[] };
}

export interface AcrAnswer {
  status: { code: number; msg: string };
  metadata?: { music?: AcrMusic[] };
}

/** A recording as ACRCloud names it, in Earshot's words. */
export type AcrRecording = ExternalRecording;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null));

/** The answer's recordings, best first; what does not have the documented shape is skipped. */
export function recordingsOf(a: AcrAnswer): AcrRecording[] {
  const music = Array.isArray(a.metadata?.music) ? a.metadata!.music! : [];
  return music
    .filter((m) => m && typeof m.title === 'string' && typeof m.acrid === 'string')
    .map((m) => ({
      title: m.title,
      artist: Array.isArray(m.artists) && m.artists.length > 0 ? m.artists.map((x) => x.name).filter((n) => typeof n === 'string').join(', ') || null : null,
      album: typeof m.album?.name === 'string' ? m.album.name : null,
      acrid: m.acrid,
      score: typeof m.score === 'number' ? m.score : null,
      offset_s: typeof m.play_offset_ms === 'number' ? m.play_offset_ms / 1000 : null,
      duration_s: typeof m.duration_ms === 'number' ? m.duration_ms / 1000 : null,
      label: typeof m.label === 'string' ? m.label : null,
      release_date: typeof m.release_date === 'string' ? m.release_date : null,
      isrc: first(m.external_ids?.isrc),
      upc: first(m.external_ids?.upc),
    }));
}
