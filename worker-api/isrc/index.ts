// GET /isrc/:isrc and POST /isrc: an ISRC normalised and checked, the catalog's tracks that
// carry it, and a rights-society guess labelled as one.
import type { TrackRecord } from '../../common/api-types';
import { recordingsByIsrc, type KnownRecording } from '../acrcloud';
import { tracksByIsrc } from '../catalog';
import { ApiError, errorSchema } from '../errors';
import { defineRoute, type ObjectSchema } from '../spec';
import { trackRecord } from '../tracks/schemas';
import { parseIsrc, type Isrc } from './parse';
import { societyGuess } from './societies';

/** Codes one batch may ask about. */
export const ISRC_BATCH_MAX = 50;

const answer = {
  type: 'object',
  properties: {
    isrc: { type: 'string', description: '12 characters, upper case' },
    hyphenated: { type: 'string' },
    registrant: { type: 'string' },
    year: { type: 'integer' },
    designation: { type: 'string' },
    country: {
      type: 'object',
      description: 'of the registrant prefix (QM/QZ/QT are the US, UK is GB); name null when the table does not know it',
      properties: { code: { type: 'string' }, name: { type: 'string', nullable: true } },
      required: ['code', 'name'],
    },
    tracks: { type: 'array', items: trackRecord },
    acrcloud: {
      type: 'array',
      description: 'recordings ACRCloud answers named under this ISRC (the fallback), newest first',
      items: {
        type: 'object',
        properties: { isrc: { type: 'string' }, title: { type: 'string' }, artist: { type: 'string', nullable: true }, acrid: { type: 'string' }, last_seen: { type: 'string' } },
        required: ['isrc', 'title', 'artist', 'acrid', 'last_seen'],
      },
    },
    rights_society_guess: {
      type: 'object',
      properties: { societies: { type: 'array', items: { type: 'string' } }, basis: { type: 'string' } },
      required: ['societies', 'basis'],
    },
  },
  required: ['isrc', 'hyphenated', 'registrant', 'year', 'designation', 'country', 'tracks', 'acrcloud', 'rights_society_guess'],
} as const satisfies ObjectSchema;

const input = { type: 'string', description: 'the code as asked' } as const;

/** One answer of a batch: the code's, or its own error. */
const batchResult = {
  oneOf: [
    { type: 'object', properties: { input, ...answer.properties }, required: ['input', ...answer.required] },
    { type: 'object', properties: { input, error: errorSchema.properties.error }, required: ['input', 'error'] },
  ],
} as const;

function describe(code: Isrc, tracks: TrackRecord[], known: KnownRecording[]) {
  const guess = societyGuess(code.countryCode);
  return {
    isrc: code.isrc,
    hyphenated: code.hyphenated,
    registrant: code.registrant,
    year: code.year,
    designation: code.designation,
    country: guess.country,
    tracks: tracks.filter((t) => t.isrc === code.isrc),
    acrcloud: known.filter((k) => k.isrc === code.isrc),
    rights_society_guess: { societies: guess.societies, basis: guess.basis },
  };
}

const one = defineRoute({
  method: 'get',
  path: '/isrc/{isrc}',
  operationId: 'getIsrc',
  tag: 'isrc',
  summary: 'An ISRC checked and normalised, the catalog tracks with it, and a rights-society guess',
  description: 'Accepts upper or lower case, hyphens, spaces and a leading "ISRC". The society guess comes from the country of the registrant prefix; societies license works, not recordings, so it is a guess.',
  rate: 'read',
  params: { type: 'object', properties: { isrc: { type: 'string', minLength: 1, maxLength: 40 } }, required: ['isrc'] },
  response: answer,
  errors: { 422: 'isrc_invalid: not an ISRC (the message says why)' },
  handler: async ({ c, params }) => {
    const parsed = parseIsrc(params.isrc);
    if ('problem' in parsed) throw new ApiError(422, 'isrc_invalid', parsed.problem);
    const isrcs = [parsed.ok.isrc];
    const [tracks, known] = await Promise.all([tracksByIsrc(c.env.CATALOG, isrcs), recordingsByIsrc(c.env.CATALOG, isrcs)]);
    return c.json(describe(parsed.ok, tracks, known));
  },
});

const batch = defineRoute({
  method: 'post',
  path: '/isrc',
  operationId: 'getIsrcs',
  tag: 'isrc',
  summary: `Up to ${ISRC_BATCH_MAX} ISRCs at once; each answer in the order asked, or its own isrc_invalid`,
  rate: 'read',
  body: {
    maxBytes: 8 * 1024,
    json: {
      type: 'object',
      additionalProperties: false,
      properties: { isrcs: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 40 }, minItems: 1, maxItems: ISRC_BATCH_MAX } },
      required: ['isrcs'],
    },
  },
  response: { type: 'object', properties: { results: { type: 'array', items: batchResult } }, required: ['results'] },
  handler: async ({ c, body }) => {
    if (body.kind !== 'json') throw new ApiError(415, 'unsupported_media_type', 'Content-Type must be application/json');
    const parsed = body.value.isrcs.map((input) => ({ input, parsed: parseIsrc(input) }));
    const valid = parsed.flatMap((p) => ('ok' in p.parsed ? [p.parsed.ok.isrc] : []));
    const unique = [...new Set(valid)];
    const [tracks, known] = await Promise.all([tracksByIsrc(c.env.CATALOG, unique), recordingsByIsrc(c.env.CATALOG, unique)]);
    const results = parsed.map(({ input, parsed: p }) =>
      'ok' in p ? { input, ...describe(p.ok, tracks, known) } : { input, error: { code: 'isrc_invalid', message: p.problem } },
    );
    return c.json({ results });
  },
});

export const isrcRoutes = [one, batch];
