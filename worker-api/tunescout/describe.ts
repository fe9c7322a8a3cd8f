// TuneScout's endpoints as /openapi.json publishes them: each definition, plus what every
// one of them may answer (the rate limit, an upload's failures, an unexpected failure).
import type { Operation, Parameter } from '../spec/operation';
import { failureAnswers } from '../spec/operation';
import { RATE_PERIOD_S } from './index';
import { type TuneScoutRoute, TUNESCOUT_BASE, tuneScoutRoutes } from './routes';
import { tuneScoutErrorSchema } from './schemas';
import { uploadFailures } from './upload';

function describe(r: TuneScoutRoute): Operation {
  const limited = { 429: { description: `Too many requests (per address, in windows of ${RATE_PERIOD_S} s)`, retryAfter: 'always' as const } };
  const params: Parameter[] = Object.entries(r.params?.properties ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema }));
  return {
    method: r.method,
    base: TUNESCOUT_BASE,
    path: r.path,
    operationId: r.operationId,
    tag: 'tunescout',
    summary: r.summary,
    parameters: params,
    requestBody: r.form ? { 'multipart/form-data': r.form } : undefined,
    security: r.token ? [{ tuneScoutToken: [] }] : undefined,
    responses: {
      200: { description: 'OK', schema: r.response },
      ...failureAnswers(tuneScoutErrorSchema, r.form ? uploadFailures : {}, r.errors, limited, { 500: 'Internal server error' }),
    },
  };
}

export const tuneScoutOperations = tuneScoutRoutes.map(describe);
