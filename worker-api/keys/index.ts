// Partner API keys (admin): create (the key shown once), list, usage per day, rotate,
// revoke; and the public check a partner page makes before it listens.
import { ApiError, notFound } from '../errors';
import { defineRoute, type ObjectSchema } from '../spec';
import { acrConfig } from '../acrcloud/client';
import { keyFailures, keyForOrigin, meterOf } from './gate';
import { originProblem, normalOrigin } from './origins';
import { createKey, getKey, listKeys, revokeKey, rotateKey } from './store';

const DEFAULT_RATE_PER_MIN = 60;
const DEFAULT_DAILY_QUOTA = 10_000;
const MAX_ORIGINS = 50;
const MAX_USAGE_DAYS = 90;
const noKey = { 404: 'not_found: no such key' };

const keyRecord = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    origins: { type: 'array', items: { type: 'string' } },
    rate_limit_per_min: { type: 'integer' },
    daily_quota: { type: 'integer' },
    allow_audio: { type: 'boolean' },
    created_at: { type: 'string' },
    rotated_at: { type: 'string', nullable: true },
    previous_key_valid_until: { type: 'string', nullable: true },
    revoked_at: { type: 'string', nullable: true },
  },
  required: ['id', 'name', 'origins', 'rate_limit_per_min', 'daily_quota', 'allow_audio', 'created_at', 'rotated_at', 'previous_key_valid_until', 'revoked_at'],
} as const satisfies ObjectSchema;

const issued = {
  type: 'object',
  properties: { ...keyRecord.properties, key: { type: 'string', description: 'shown this once; only its SHA-256 is stored' } },
  required: [...keyRecord.required, 'key'],
} as const satisfies ObjectSchema;

const keyId = { type: 'object', properties: { id: { type: 'string', pattern: '^key_[A-Za-z0-9_-]{12}$' } }, required: ['id'] } as const satisfies ObjectSchema;

const createBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    origins: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, minItems: 1, maxItems: MAX_ORIGINS, description: 'exact scheme://host[:port] values; no wildcards, paths or "null"' },
    rate_limit_per_min: { type: 'integer', minimum: 1, maximum: 10_000 },
    daily_quota: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    allow_audio: { type: 'boolean', description: 'its pages may send audio to the fallback identifier (default false)' },
  },
  required: ['name', 'origins'],
} as const satisfies ObjectSchema;

const create = defineRoute({
  method: 'post',
  path: '/keys',
  operationId: 'createKey',
  tag: 'keys',
  summary: 'Issue a partner API key bound to its origins (the key is shown this once)',
  rate: 'none',
  admin: true,
  body: { maxBytes: 16 * 1024, json: createBody },
  status: 201,
  response: issued,
  errors: { 422: 'invalid_field: an origin that is not scheme://host[:port]' },
  handler: async ({ c, body }) => {
    if (body.kind !== 'json') throw new ApiError(415, 'unsupported_media_type', 'Content-Type must be application/json');
    const origins = new Set<string>();
    body.value.origins.forEach((o, i) => {
      const problem = originProblem(o);
      if (problem) throw new ApiError(422, 'invalid_field', `body.origins[${i}] (${JSON.stringify(o)}): ${problem}`);
      origins.add(normalOrigin(o)!);
    });
    const { key, record } = await createKey(c.env.CATALOG, {
      name: body.value.name,
      origins: [...origins],
      ratePerMin: body.value.rate_limit_per_min ?? DEFAULT_RATE_PER_MIN,
      dailyQuota: body.value.daily_quota ?? DEFAULT_DAILY_QUOTA,
      allowAudio: body.value.allow_audio ?? false,
    });
    return c.json({ ...record, key }, 201);
  },
});

const list = defineRoute({
  method: 'get',
  path: '/keys',
  operationId: 'listKeys',
  tag: 'keys',
  summary: 'Partner keys (never the keys themselves)',
  rate: 'none',
  admin: true,
  response: { type: 'object', properties: { keys: { type: 'array', items: keyRecord } }, required: ['keys'] },
  handler: async ({ c }) => c.json({ keys: await listKeys(c.env.CATALOG) }),
});

const usage = defineRoute({
  method: 'get',
  path: '/keys/{id}/usage',
  operationId: 'getKeyUsage',
  tag: 'keys',
  summary: "A key's requests, matches and refusals per UTC day, newest first",
  rate: 'none',
  admin: true,
  params: keyId,
  query: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: MAX_USAGE_DAYS } } },
  response: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      days: {
        type: 'array',
        items: {
          type: 'object',
          properties: { day: { type: 'string' }, requests: { type: 'integer' }, matches: { type: 'integer' }, refusals: { type: 'integer' } },
          required: ['day', 'requests', 'matches', 'refusals'],
        },
      },
    },
    required: ['id', 'days'],
  },
  errors: noKey,
  handler: async ({ c, params, query }) => {
    if (!(await getKey(c.env.CATALOG, params.id))) throw notFound(`key ${params.id}`);
    return c.json({ id: params.id, days: await meterOf(c.env, params.id).usage(query.days ?? 7) });
  },
});

const rotate = defineRoute({
  method: 'post',
  path: '/keys/{id}/rotate',
  operationId: 'rotateKey',
  tag: 'keys',
  summary: 'A new key for the same partner; the previous key keeps working for 24 h',
  rate: 'none',
  admin: true,
  params: keyId,
  response: issued,
  errors: { 404: 'not_found: no such live key' },
  handler: async ({ c, params }) => {
    const r = await rotateKey(c.env.CATALOG, params.id);
    if (!r) throw notFound(`live key ${params.id}`);
    return c.json({ ...r.record, key: r.key });
  },
});

const revoke = defineRoute({
  method: 'delete',
  path: '/keys/{id}',
  operationId: 'revokeKey',
  tag: 'keys',
  summary: 'Revoke a key at once (its usage history stays readable)',
  rate: 'none',
  admin: true,
  params: keyId,
  response: keyRecord,
  errors: noKey,
  handler: async ({ c, params }) => {
    await revokeKey(c.env.CATALOG, params.id);
    const record = await getKey(c.env.CATALOG, params.id);
    if (!record) throw notFound(`key ${params.id}`);
    return c.json(record);
  },
});

/**
 * Asked by a partner page before it listens: is this key good on this page's origin? A
 * simple GET answered to every origin (its answer concerns the caller's own origin and
 * nothing else), so a page on a foreign origin learns "origin_not_allowed" instead of an
 * opaque CORS failure; identify itself answers only the key's origins.
 */
const check = defineRoute({
  method: 'get',
  path: '/partner',
  operationId: 'checkPartnerKey',
  tag: 'keys',
  summary: 'Whether a partner key works on the calling page (Origin header); any origin may ask',
  rate: 'read',
  query: { type: 'object', properties: { key: { type: 'string', maxLength: 100 } }, required: ['key'] },
  response: {
    type: 'object',
    properties: { name: { type: 'string' }, fallback: { type: 'boolean', description: 'the key may send audio and the server has a fallback identifier' } },
    required: ['name', 'fallback'],
  },
  errors: keyFailures,
  handler: async ({ c, query }) => {
    c.header('Access-Control-Allow-Origin', '*');
    const { key } = await keyForOrigin(c.env, query.key, c.req.header('origin') ?? null);
    return c.json({ name: key.name, fallback: key.allow_audio && acrConfig(c.env) !== null });
  },
});

export const keyRoutes = [create, list, usage, rotate, revoke, check];
