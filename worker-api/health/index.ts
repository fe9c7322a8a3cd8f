// Liveness plus the facts a client needs before it sends hashes.
import { FP_VERSION } from '../../dsp/src/index';
import { HEALTH_KEY } from '../acrcloud';
import { acrConfig } from '../acrcloud/client';
import { defineRoute } from '../spec';

export const health = defineRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tag: 'service',
  summary: 'Liveness and the fingerprint version the index holds',
  rate: 'none',
  response: {
    type: 'object',
    properties: {
      ok: { type: 'boolean' },
      fp_version: { type: 'integer' },
      shards: { type: 'integer' },
      fallback: {
        type: 'string',
        enum: ['unconfigured', 'ok', 'misconfigured'],
        description: 'the ACRCloud fallback: misconfigured after it refused our key or signature (3001, 3006, 3014), until a call succeeds',
      },
    },
    required: ['ok', 'fp_version', 'shards', 'fallback'],
  },
  handler: async ({ c }) => {
    const fallback = !acrConfig(c.env) ? 'unconfigured' : (await c.env.RESULTS.get(HEALTH_KEY)) ? 'misconfigured' : 'ok';
    return c.json({ ok: true, fp_version: FP_VERSION, shards: Number(c.env.INDEX_SHARDS), fallback });
  },
});
