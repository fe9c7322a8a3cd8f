// POST /identify: query hashes in, the top 3 tracks with calibrated confidence out.
// The engine's matcher runs here over the sharded D1 index; a shard that fails makes the
// answer `degraded`, not an error.
import type { Context } from 'hono';
import { FP_VERSION, type HashBatch, type QueryEnvelope } from '../../dsp/src/index';
import type { IdentifyMatch, IdentifyResponse, IdentifyStatus } from '../../common/api-types';
import type { AppEnv } from '../env';
import { bodyDigest, claimKey, IDEMPOTENCY_TTL_S, releaseClaim, settleStatement, type Claim } from '../idempotency';
import { tokenOf } from '../results';
import { resultKey } from '../results/key';
import { defineRoute } from '../spec';
import { logQuery, queryLogStatements } from '../stats/log';
import { heardSeconds, queryBatch } from './query';
import { FRAME_S, identifyBatch, timingOf } from './run';
import { identifyHeaders, identifyJson, identifyQuery, identifyResponse } from './schemas';
import { IDENTIFY_MAX_BYTES } from '../../common/limits';

/** A session whose query spans less than this may still match: "need_more", not "no_match". */
const NEED_MORE_BELOW_S = 12;

export const identify = defineRoute({
  method: 'post',
  path: '/identify',
  operationId: 'identify',
  tag: 'identify',
  summary: 'Identify a recording from its query hashes (binary ESH1 body or JSON)',
  description:
    `Binary body (application/octet-stream): "ESH1", u16 fp_version, u16 envelope steps (0: none), u32 count, then count u32 hashes, count i32 times (engine frames), count u8 hypotheses, then with envelope steps the band envelope (u8 version, u8 bands, u16 first step, f32 top dB, bands x steps u8 half-dB levels below top); little-endian. Send everything heard so far with the same session id every 1-2 s, counting the questions in look (1, 2, ...), until the status is "match". The body may be gzipped (Content-Encoding: gzip, about a third of the size; the limit counts decoded bytes). A recording queued offline is sent with an Idempotency-Key header: a retry with the same key and the same hashes gets the first answer back (header Idempotent-Replayed: true) and counts once; the same key with other hashes is 422 idempotency_key_reused; while the first request runs, 409 idempotency_in_progress with Retry-After. Keys are kept ${IDEMPOTENCY_TTL_S / 86400} days from their first request.`,
  rate: 'identify',
  query: identifyQuery,
  headers: identifyHeaders,
  body: {
    maxBytes: IDENTIFY_MAX_BYTES,
    json: identifyJson,
    binary: { contentType: 'application/octet-stream', description: 'ESH1 hash records (common/wire.ts)' },
  },
  response: identifyResponse,
  responseHeaders: {
    'Idempotent-Replayed': { description: 'the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } },
  },
  errors: {
    400: 'malformed_body: a binary body that is not ESH1 records',
    409: { description: 'idempotency_in_progress: the first request with this Idempotency-Key is still being answered', retryAfter: 'always' },
    422: 'fp_version_unsupported: hashes of another fingerprint version; invalid_field: records out of range or of unequal lengths; idempotency_key_reused: the key came with other hashes',
    503: 'index_unavailable: no index shard could be read',
  },
  handler: async ({ c, query, body }) => {
    const started = performance.now();
    const { batch, envelope } = queryBatch(body);
    // its form was checked with the other headers (identifyHeaders)
    const idempotencyKey = c.req.header('idempotency-key');
    // read once per isolate; a cold one reads it while the shards are read
    resultKey(c.env.CATALOG).catch(() => {});
    let claim: Claim | undefined;
    if (idempotencyKey) {
      const claimed = await claimKey(c.env.CATALOG, idempotencyKey, await bodyDigest(batch, FP_VERSION));
      if ('replay' in claimed) return c.body(claimed.replay, 200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
      claim = claimed.claim;
    }
    try {
      return await respond(c, batch, envelope, started, query, claim);
    } catch (err) {
      if (claim) await releaseClaim(c.env.CATALOG, claim).catch((e) => console.error('releaseClaim', String(e)));
      throw err;
    }
  },
});

/** Matches the batch and answers; an idempotent request's answer is stored before it leaves. */
async function respond(
  c: Context<AppEnv>,
  batch: HashBatch,
  envelope: QueryEnvelope | undefined,
  started: number,
  query: { session?: string; look?: number },
  claim: Claim | undefined,
): Promise<Response> {
  const session = query.session;
  const run = await identifyBatch(c.env, batch, query.look, envelope);
  const matches: IdentifyMatch[] = run.named.map((m) => {
    const { offsetS, speed } = timingOf(m);
    return { track: m.meta, confidence: m.confidence, offset_s: Math.round(offsetS * 1000) / 1000, speed: Math.round(speed * 1000) / 1000 };
  });
  let status: IdentifyStatus = run.matched ? 'match' : 'no_match';
  if (status === 'no_match' && session && heardSeconds(batch, FRAME_S) < NEED_MORE_BELOW_S) status = 'need_more';
  const evidence = run.matched ? { evidence: run.result.evidence } : {};
  const told = { status, matches, fp_version: FP_VERSION, degraded: run.degraded, ...evidence, ms: Math.round((performance.now() - started) * 10) / 10 };
  const answer: IdentifyResponse = { ...told, token: await tokenOf(c.env.CATALOG, told), source: 'local' };
  const json = JSON.stringify(answer);
  if (claim) {
    // stored and counted in one transaction, before the answer leaves: a retry that
    // follows a lost answer finds it, and the recording counts once
    await c.env.CATALOG.batch([settleStatement(c.env.CATALOG, claim, json), ...queryLogStatements(c.env.CATALOG, [{ status, ms: answer.ms }], true)]);
  } else {
    logQuery(c.env.CATALOG, c.executionCtx, { status, ms: answer.ms });
  }
  const partner = c.get('partner');
  if (partner && status === 'match') c.executionCtx.waitUntil(partner.meter.matched().catch((e) => console.error('meter', String(e))));
  // where the time went, for benchmarks and dashboards (Workers clocks advance on I/O only)
  const { hashes, postings, passes } = run.result.stats;
  c.header('Server-Timing', `match;dur=${run.matchMs.toFixed(1)};desc="${passes} passes, ${hashes} hashes, ${postings} postings, ${run.postingsRead} read", total;dur=${answer.ms}`, { append: true });
  return c.body(json, 200, { 'content-type': 'application/json' });
}
