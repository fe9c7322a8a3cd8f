// POST /identify: query hashes in, the top 3 tracks with calibrated confidence out.
// The engine's matcher runs here over the sharded D1 index; a shard that fails makes the
// answer `degraded`, not an error.
import { FP_VERSION, presets } from '../../dsp/src/index';
import type { IdentifyMatch, IdentifyResponse, IdentifyStatus } from '../../common/api-types';
import { ApiError } from '../errors';
import { resultToken, storedResult, storeResult } from '../results';
import { defineRoute } from '../spec';
import { logQuery } from '../stats/log';
import { heardSeconds, queryBatch } from './query';
import { FRAME_S, identifyBatch } from './run';
import { IDENTIFY_MAX_BYTES, identifyJson, identifyQuery, identifyResponse } from './schemas';

/** A session whose query spans less than this may still match: "need_more", not "no_match". */
const NEED_MORE_BELOW_S = 12;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export const identify = defineRoute({
  method: 'post',
  path: '/identify',
  summary: 'Identify a recording from its query hashes (binary ESH1 body or JSON)',
  description:
    'Binary body (application/octet-stream): "ESH1", u16 fp_version, u16 0, u32 count, then count u32 hashes, count i32 times (engine frames), count u8 hypotheses; little-endian. Send everything heard so far with the same session id every 1-2 s until the status is "match". The body may be gzipped (Content-Encoding: gzip, about a quarter of the size; the limit counts decoded bytes). A recording queued offline is sent with an Idempotency-Key header (8-64 of A-Z a-z 0-9 _ -): a retry with the same key gets the first answer back (header Idempotent-Replayed: true) and counts once.',
  rate: 'identify',
  query: identifyQuery,
  body: {
    maxBytes: IDENTIFY_MAX_BYTES,
    json: identifyJson,
    binary: { contentType: 'application/octet-stream', description: 'ESH1 hash records (common/wire.ts)' },
  },
  response: identifyResponse,
  handler: async ({ c, query, body }) => {
    const started = performance.now();
    const batch = queryBatch(body);
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ApiError(422, 'invalid_field', 'header Idempotency-Key: must be 8-64 characters of A-Z a-z 0-9 _ -');
    }
    const token = await resultToken({ idempotencyKey, session: query.session });
    if (idempotencyKey) {
      const replay = await storedResult(c.env, token);
      if (replay !== null) return c.body(replay, 200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
    }
    const run = await identifyBatch(c.env, batch);
    const matches: IdentifyMatch[] = run.named.map((m) => ({
      track: m.meta,
      confidence: m.confidence,
      offset_s: Math.round(m.offset * FRAME_S * 1000) / 1000,
      speed: Math.round((1 / presets.query.hypotheses[m.hyp][0]) * 1000) / 1000,
    }));
    let status: IdentifyStatus = run.matched ? 'match' : 'no_match';
    if (status === 'no_match' && query.session && heardSeconds(batch, FRAME_S) < NEED_MORE_BELOW_S) status = 'need_more';
    const answer: IdentifyResponse = {
      status,
      matches,
      token,
      fp_version: FP_VERSION,
      degraded: run.degraded,
      source: 'local',
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    storeResult(c.env, c.executionCtx, answer);
    // where the time went, for benchmarks and dashboards (Workers clocks advance on I/O only)
    const { hashes, postings, passes } = run.result.stats;
    c.header('Server-Timing', `match;dur=${run.matchMs.toFixed(1)};desc="${passes} passes, ${hashes} hashes, ${postings} postings", total;dur=${answer.ms}`, { append: true });
    c.executionCtx.waitUntil(logQuery(c.env.CATALOG, status, answer.ms).catch((e) => console.error('logQuery', String(e))));
    return c.json(answer);
  },
});
