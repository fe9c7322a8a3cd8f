// Test helpers: requests into the Worker, their answers checked against /openapi.json, and
// synthetic index-side hash sets with the engine's density (~30 records per second of
// audio), deterministic per seed.
import { exports } from 'cloudflare:workers';
import { FP_VERSION, HASH_MAX } from '../../dsp/src/index';
import { rng } from '../../dsp/testing/index';
import type { IngestRequest } from '../../common/api-types';
import { checkResponse } from './check-response';

export const ADMIN = { authorization: 'Bearer test-admin-token-0123456789' };
const FRAMES_PER_S = 62.5;

// Rate limits count per address, across test files: each file and call site gets its own.
const fileTag = crypto.randomUUID().slice(0, 8);
let ipCounter = 0;
export const freshIp = () => `fd00:${fileTag.slice(0, 4)}:${fileTag.slice(4)}::${(++ipCounter).toString(16)}`;
const defaultIp = freshIp();

/** A request into the Worker; its answer must be one /openapi.json documents. */
export async function fetchWorker(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await exports.default.fetch(url, init);
  await checkResponse(init.method ?? 'GET', url, res);
  return res;
}

export function api(path: string, init: RequestInit & { ip?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', init.ip ?? defaultIp);
  return fetchWorker(`http://earshot.test/api/v1${path}`, { ...init, headers });
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = ADMIN): Promise<Response> {
  return api(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export function syntheticHashes(seed: number, seconds: number): { hash: number[]; t: number[] } {
  const r = rng(seed);
  const n = Math.round(seconds * 30);
  const hash: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    hash.push(Math.floor(r() * (HASH_MAX + 1)));
    t.push(Math.floor((i / n) * seconds * FRAMES_PER_S));
  }
  return { hash, t };
}

/** `share` of the records kept, the rest replaced by other hashes: another encoding, say. */
export function variant(h: { hash: number[]; t: number[] }, share: number, seed: number): { hash: number[]; t: number[] } {
  const r = rng(seed);
  return { hash: h.hash.map((x) => (r() < share ? x : Math.floor(r() * (HASH_MAX + 1)))), t: [...h.t] };
}

export function sha1Of(seed: number): string {
  return (seed.toString(16).padStart(8, '0') + 'a'.repeat(40)).slice(0, 40);
}

export function track(seed: number, over: Partial<IngestRequest> = {}): IngestRequest {
  return {
    title: `Song ${seed}`,
    artist: `Artist ${seed % 3}`,
    album: null,
    isrc: `ZZESH${String(seed).padStart(7, '0')}`,
    external_id: `ext-${seed}`,
    duration_s: 60,
    content_sha1: sha1Of(seed),
    fp_version: FP_VERSION,
    hashes: syntheticHashes(seed, 60),
    ...over,
  };
}

export async function rowsOf(db: D1Database, trackId?: number): Promise<{ hash: number; track: number }[]> {
  const sql = trackId === undefined ? 'SELECT hash, track FROM hashes' : 'SELECT hash, track FROM hashes WHERE track = ?1';
  const stmt = trackId === undefined ? db.prepare(sql) : db.prepare(sql).bind(trackId);
  return (await stmt.all<{ hash: number; track: number }>()).results;
}
