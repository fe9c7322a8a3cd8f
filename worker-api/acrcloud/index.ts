// POST /identify/fallback: when the catalog has no confident answer, the client may send
// the last seconds of audio (a WAV, at most 1 MB) with its result token; the Worker asks
// ACRCloud (signed, retried, within a global budget, cached by the sample's content) and
// says where the answer came from.
import type { FallbackResponse, IdentifyMatch } from '../../common/api-types';
import { sniff } from '../../dsp/src/decode/index';
import { sha256Hex } from '../encoding';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { partnerKeyOf } from '../keys/gate';
import { readAnswer, storeFallbackAnswer, TOKEN_PATTERN } from '../results';
import { externalMatch } from '../../common/external-match';
import { identifyQuery } from '../identify/schemas';
import { defineRoute } from '../spec';
import { acrConfig, askAcrCloud, type AcrOutcome } from './client';
import { ACR, type AcrRecording } from './protocol';
import { fallbackResponse } from './schemas';

export const SAMPLE_MAX_BYTES = 1024 * 1024;
const CACHE_MATCH_S = 3600;
const CACHE_NO_RESULT_S = 300;
/** After 3015 (requests per second) no call for this long; after 3003 (quota) until the next UTC day. */
const QPS_PAUSE_MS = 60_000;
const DAY_MS = 86_400_000;
export const HEALTH_KEY = 'acrcloud:health';

type Cached = { kind: 'match'; recordings: AcrRecording[] } | { kind: 'no_result' };

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/** The catalog's guess and ACRCloud's name the same recording: one ISRC, or one title and artist. */
export function sameRecording(local: IdentifyMatch | null, r: AcrRecording): boolean {
  if (!local) return false;
  if (local.track.isrc && r.isrc) return local.track.isrc === r.isrc.toUpperCase();
  return norm(local.track.title) === norm(r.title) && norm(local.track.artist) !== '' && norm(local.track.artist) === norm(r.artist);
}

function budgetOf(env: Env) {
  return env.ACR_BUDGET.get(env.ACR_BUDGET.idFromName('global'));
}

async function ask(env: Env, sample: Uint8Array): Promise<{ outcome: AcrOutcome; tries: number; cached: boolean }> {
  const cfg = acrConfig(env)!;
  const key = `acrcloud:sample:${await sha256Hex(sample)}`;
  const hit = await env.RESULTS.get<Cached>(key, 'json');
  if (hit) return { outcome: hit, tries: 0, cached: true };
  const limits = { perMin: Number(env.ACRCLOUD_PER_MIN) || 45, perDay: Number(env.ACRCLOUD_PER_DAY) || 1800 };
  const grant = await budgetOf(env).take(limits);
  if (!grant.ok) throw busy(grant.retryAfterS);
  const { outcome, tries } = await askAcrCloud(cfg, sample);
  if (outcome.kind === 'match' || outcome.kind === 'no_result') {
    await env.RESULTS.put(key, JSON.stringify(outcome), { expirationTtl: outcome.kind === 'match' ? CACHE_MATCH_S : CACHE_NO_RESULT_S });
    await env.RESULTS.delete(HEALTH_KEY);
  }
  return { outcome, tries, cached: false };
}

const busy = (retryAfterS: number) =>
  new ApiError(503, 'fallback_busy', 'the fallback identifier is at its limit; retry later', { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterS))) });

export const fallback = defineRoute({
  method: 'post',
  path: '/identify/fallback',
  operationId: 'identifyFallback',
  tag: 'identify',
  summary: 'Ask ACRCloud about audio the catalog could not name confidently (WAV, at most 1 MB, with the result token)',
  description:
    'Only when ACRCloud is configured (503 fallback_unavailable otherwise) and the user allowed audio to leave the device. A result token whose answer was a confident match is answered from it (source local). Answers say their source: acrcloud, or hybrid when the catalog\'s best guess names the same recording (same ISRC, or same title and artist). 503 fallback_busy with Retry-After when the call budget or ACRCloud\'s own limits are reached; 502 when ACRCloud fails or refuses our configuration.',
  rate: 'identify',
  query: { type: 'object', properties: { token: { type: 'string', pattern: TOKEN_PATTERN }, key: identifyQuery.properties.key }, required: ['token'] },
  body: { maxBytes: SAMPLE_MAX_BYTES, binary: { contentType: 'audio/wav', description: 'the last <= 12 s heard, mono, 8-16 kHz' } },
  response: fallbackResponse,
  errors: {
    403: 'audio_not_allowed: the partner key does not let its pages send audio',
    404: 'not_found: the result token is unknown or expired',
    422: 'sample_invalid: not a RIFF/WAVE file',
    502: 'fallback_misconfigured: ACRCloud refused our configuration; fallback_upstream: ACRCloud failed',
    503: { description: 'fallback_unavailable: no fallback is configured; fallback_busy (with Retry-After): the call budget or ACRCloud\'s limits are reached', retryAfter: 'sometimes' },
  },
  handler: async ({ c, query, body }) => {
    const started = performance.now();
    if (!acrConfig(c.env)) throw new ApiError(503, 'fallback_unavailable', 'no fallback identifier is configured on this server');
    // a partner page's request passed its key's gate already (mount): its key must allow audio
    if (partnerKeyOf(c.req.raw) !== null && !c.get('partner')?.key.allow_audio) {
      throw new ApiError(403, 'audio_not_allowed', 'this API key does not let its pages send audio to the fallback identifier');
    }
    const format = body.kind === 'binary' ? sniff(body.bytes) : null;
    if (body.kind !== 'binary' || !format || !('format' in format) || format.format !== 'wav') {
      throw new ApiError(422, 'sample_invalid', 'the sample must be a RIFF/WAVE file');
    }
    const read = await readAnswer(c.env, query.token);
    if (typeof read === 'string') throw new ApiError(404, 'not_found', 'result token unknown or expired: identify first');
    const localAnswer = read.answer;
    const local = localAnswer.matches[0] ?? null;
    const respond = async (a: Omit<FallbackResponse, 'ms'>) => {
      const answer: FallbackResponse = { ...a, ms: Math.round((performance.now() - started) * 10) / 10 };
      await recordDetection(c.env.CATALOG, answer);
      return c.json(answer);
    };
    if (localAnswer.status === 'match' && local) {
      return respond({ status: 'match', source: 'local', recording: null, local, cached: false, tries: 0 });
    }
    const { outcome, tries, cached } = await ask(c.env, body.bytes);
    switch (outcome.kind) {
      case 'match': {
        const top = outcome.recordings[0];
        const source = sameRecording(local, top) ? 'hybrid' : 'acrcloud';
        // the token now shows what the listener was told (a shared link, GET /results)
        storeFallbackAnswer(c.env, c.executionCtx, { ...localAnswer, status: 'match', source, matches: [externalMatch(source, top, local)] });
        return respond({ status: 'match', source, recording: top, local, cached, tries });
      }
      case 'no_result':
        return respond({ status: 'no_match', source: 'acrcloud', recording: null, local, cached, tries });
      case 'busy': {
        const now = Date.now();
        const until = outcome.code === ACR.QUOTA ? (Math.floor(now / DAY_MS) + 1) * DAY_MS : now + QPS_PAUSE_MS;
        await budgetOf(c.env).pause(until);
        throw busy((until - now) / 1000);
      }
      case 'misconfigured':
        await c.env.RESULTS.put(HEALTH_KEY, JSON.stringify({ code: outcome.code, message: outcome.message, at: new Date().toISOString() }));
        throw new ApiError(502, 'fallback_misconfigured', `the fallback identifier refused this server's configuration (code ${outcome.code})`);
      case 'upstream':
        throw new ApiError(502, 'fallback_upstream', outcome.message);
    }
  },
});

async function recordDetection(db: D1Database, a: FallbackResponse): Promise<void> {
  const r = a.recording;
  const track = a.source === 'acrcloud' ? null : (a.local?.track ?? null);
  await db
    .prepare('INSERT INTO detections (at, source, status, score, isrc, acrid, title, artist, track_id, ms, tries, cached) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)')
    .bind(Date.now(), a.source, a.status, r?.score ?? a.local?.confidence ?? null, r?.isrc?.toUpperCase() ?? track?.isrc ?? null, r?.acrid ?? null, r?.title ?? track?.title ?? null, r?.artist ?? track?.artist ?? null, track?.id ?? null, a.ms, a.tries, a.cached ? 1 : 0)
    .run();
}

export interface KnownRecording {
  isrc: string;
  title: string;
  artist: string | null;
  acrid: string;
  last_seen: string;
}

/** What ACRCloud answers named under these ISRCs: metadata-only knowledge for the ISRC lookup. */
export async function recordingsByIsrc(db: D1Database, isrcs: string[]): Promise<KnownRecording[]> {
  if (isrcs.length === 0) return [];
  const rows = await db
    .prepare(
      `SELECT isrc, title, artist, acrid, MAX(at) AS at FROM detections
       WHERE acrid IS NOT NULL AND isrc IN (SELECT value FROM json_each(?1)) GROUP BY isrc, acrid ORDER BY at DESC`,
    )
    .bind(JSON.stringify(isrcs))
    .all<{ isrc: string; title: string; artist: string | null; acrid: string; at: number }>();
  return rows.results.map((r) => ({ isrc: r.isrc, title: r.title, artist: r.artist, acrid: r.acrid, last_seen: new Date(r.at).toISOString() }));
}
