// Shapes of identify and results: they validate requests and fill /openapi.json.
import { IDENTIFY_STATUSES } from '../../common/api-types';
import { FRAME_MAX, LOOK_MAX } from '../../common/limits';
import { EXTRA_FLAG, HASH_MAX, HYPOTHESES, MATCH_EVIDENCE, VARIANT_FLAG } from '../../dsp/src/index';
import { IDEMPOTENCY_KEY } from '../idempotency';
import type { ObjectSchema, Schema } from '../spec';
import { trackMeta } from '../tracks/schemas';

export const HYP_MAX = HYPOTHESES.length - 1;

export const identifyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    session: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{8,64}$',
      description: 'client-chosen id shared by the progressive queries of one identification: "need_more" replaces "no_match" while the query is short',
    },
    look: {
      type: 'integer',
      minimum: 1,
      maximum: LOOK_MAX,
      description: 'which question of the session this is (1 for the first): each earlier look could have met chance, so the confidence is corrected for all of them; without it a query counts as one look',
    },
    last: {
      type: 'boolean',
      description:
        "true on a session's last question (the capture ended). Accepted from earlier clients and changes nothing: every answer's token carries the answer, so any of them can be read back",
    },
    key: { type: 'string', maxLength: 100, description: 'a partner API key, where the X-Earshot-Key header cannot be sent' },
  },
} as const satisfies ObjectSchema;

export const identifyHeaders = {
  type: 'object',
  properties: {
    'Idempotency-Key': {
      type: 'string',
      pattern: IDEMPOTENCY_KEY.source,
      description: 'a recording queued offline: a retry with the same key and hashes gets the first answer back and counts once',
    },
  },
} as const satisfies ObjectSchema;

export const identifyJson = {
  type: 'object',
  additionalProperties: false,
  properties: {
    fp_version: { type: 'integer', minimum: 1 },
    hashes: {
      type: 'object',
      additionalProperties: false,
      description: 'query-side records (preset "query"), parallel arrays',
      properties: {
        hash: { type: 'array', items: { type: 'integer', minimum: 0, maximum: HASH_MAX } },
        t: { type: 'array', items: { type: 'integer', minimum: -FRAME_MAX, maximum: FRAME_MAX } },
        hyp: {
          type: 'array',
          items: { type: 'integer', minimum: 0, maximum: VARIANT_FLAG | EXTRA_FLAG | HYP_MAX },
          description: `the speed/pitch hypothesis (0..${HYP_MAX}, 0 = as heard), plus ${VARIANT_FLAG} on a fuzz variant (a neighbour cell of a value near a cell edge): a record's own cells are looked up first; plus ${EXTRA_FLAG} on a pair of a peak ranked past the kept ones: looked up only when the others do not answer`,
        },
      },
      required: ['hash', 't', 'hyp'],
    },
  },
  required: ['fp_version', 'hashes'],
} as const satisfies ObjectSchema;

export const identifyMatch = {
  type: 'object',
  properties: {
    track: trackMeta,
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    offset_s: { type: 'number' },
    speed: { type: 'number' },
  },
  required: ['track', 'confidence', 'offset_s', 'speed'],
} as const satisfies ObjectSchema;

export const identifyResponse = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: IDENTIFY_STATUSES },
    matches: { type: 'array', items: identifyMatch },
    token: { type: 'string' },
    fp_version: { type: 'integer' },
    degraded: { type: 'boolean' },
    source: { type: 'string', enum: ['local', 'acrcloud', 'hybrid'] },
    evidence: {
      type: 'string',
      enum: MATCH_EVIDENCE,
      description: "with a local match: what named it, the hashes' aligned votes or the band envelope the binary body may carry (docs/engine.md)",
    },
    ms: { type: 'number' },
  },
  required: ['status', 'matches', 'token', 'fp_version', 'degraded', 'source', 'ms'],
} as const satisfies Schema;

export { TOKEN_PATTERN } from '../results/token';
