// TuneScout's endpoints, one definition each: the same object mounts the handler
// (tunescout/index.ts) and describes the endpoint in /openapi.json (tunescout/describe.ts).
import type { Context } from 'hono';
import type { AppEnv, Env } from '../env';
import type { ObjectSchema, Schema } from '../spec';
import type { Failure } from '../spec/operation';
import { tuneScoutBody } from './errors';
import { fingerprint } from './fingerprint';
import { KEEP_MAX_BYTES, recognize } from './recognize';
import { storedAnswer, TOKEN } from './results';
import { fingerprintForm, fingerprintResponse, recognizeForm, recognizeResponse } from './schemas';

/** Where TuneScout's API is mounted: its paths are relative to it. */
export const TUNESCOUT_BASE = '/api';

export type RateBinding = keyof Pick<Env, 'RATE_TS_RECOGNIZE' | 'RATE_TS_FETCH' | 'RATE_TS_FINGERPRINT'>;

export interface TuneScoutRoute {
  method: 'get' | 'post';
  /** OpenAPI form, relative to TUNESCOUT_BASE. */
  path: string;
  operationId: string;
  summary: string;
  rate: RateBinding;
  params?: ObjectSchema;
  /** The multipart/form-data fields of an upload; its failures come with it (upload.ts). */
  form?: ObjectSchema;
  /** Bearer TUNESCOUT_TOKEN. */
  token?: boolean;
  response: Schema;
  /** The error statuses the handler answers with, besides the rate limit's and the upload's. */
  errors: Partial<Record<number, Failure>>;
  handler: (c: Context<AppEnv>) => Promise<Response>;
}

const unavailable = 'an index shard could not be read; retry later';

export const tuneScoutRoutes: TuneScoutRoute[] = [
  {
    method: 'post',
    path: '/recognize',
    operationId: 'tuneScoutRecognize',
    summary: 'Recognize an audio file (start and duration cut it first); the answer keeps a token for /fetch',
    rate: 'RATE_TS_RECOGNIZE',
    form: recognizeForm,
    response: recognizeResponse,
    errors: {
      413: `File exceeds the ${KEEP_MAX_BYTES / (1024 * 1024)} MB that can be held when start and duration come after the file`,
      503: unavailable,
    },
    handler: recognize,
  },
  {
    method: 'get',
    path: '/fetch/{token}',
    operationId: 'tuneScoutFetch',
    summary: 'A stored recognize answer, while its token lives',
    rate: 'RATE_TS_FETCH',
    params: { type: 'object', properties: { token: { type: 'string', pattern: TOKEN.source } }, required: ['token'] },
    response: { ...recognizeResponse, required: ['token', 'results', 'status'], description: 'the recognize answer the token was made for' },
    errors: { 404: 'The requested data could not be found' },
    handler: async (c) => {
      const stored = await storedAnswer(c.env, c.req.param('token')!);
      if (stored === null) return c.json(tuneScoutBody('The requested data could not be found'), 404);
      return c.body(stored, 200, { 'content-type': 'application/json' });
    },
  },
  {
    method: 'post',
    path: '/fingerprint',
    operationId: 'tuneScoutFingerprint',
    summary: "Index an audio file as a song named after the file name's stem",
    rate: 'RATE_TS_FINGERPRINT',
    form: fingerprintForm,
    token: true,
    response: fingerprintResponse,
    errors: {
      401: 'Fingerprinting not allowed; Token missing or invalid',
      405: 'Empty song name (the file has no name)',
      409: 'Already fingerprinted (with its blob_sha1): the same audio, or the same recording in another encoding; or the track is being written by another request',
      413: 'File is too long to fingerprint in one request',
      503: unavailable,
    },
    handler: fingerprint,
  },
];
