// Liveness plus the facts a client needs before it sends hashes.
import { FP_VERSION } from '../../dsp/src/index';
import { defineRoute } from '../spec';

export const health = defineRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness and the fingerprint version the index holds',
  rate: 'none',
  response: {
    type: 'object',
    properties: {
      ok: { type: 'boolean' },
      fp_version: { type: 'integer' },
      shards: { type: 'integer' },
    },
    required: ['ok', 'fp_version', 'shards'],
  },
  handler: async ({ c }) => c.json({ ok: true, fp_version: FP_VERSION, shards: Number(c.env.INDEX_SHARDS) }),
});
