// A route definition as /openapi.json publishes it: its own facts, plus the statuses and
// headers mount() gives every route of its kind (rate class, admin token, body, schemas).
import { errorSchema } from '../errors';
import { keyFailures } from '../keys/gate';
import { API_BASE, type AnyRoute } from './index';
import { type Answer, type Failure, failureAnswers, type Operation, type Parameter } from './operation';
import type { ObjectSchema } from './schema';

const REASON = { 101: 'Switching Protocols', 200: 'OK', 201: 'Created' } as const;

/** What mount() and the app answer for `r` besides its handler, by cause. */
function pipelineFailures(r: AnyRoute): Partial<Record<number, Failure>> {
  const f: Partial<Record<number, Failure>> = {};
  if (r.body) {
    f[400] = 'malformed_body: not UTF-8 JSON, or not gzip under Content-Encoding: gzip';
    f[413] = `body_too_large: over ${r.body.maxBytes} bytes once decoded`;
    f[415] = 'unsupported_media_type, unsupported_content_encoding';
  }
  if (r.rate === 'identify') Object.assign(f, keyFailures);
  if (r.admin) {
    f[401] = 'unauthorized: no admin token, or not the right one';
    f[503] = 'admin_disabled: ADMIN_TOKEN is not set on the server';
  }
  if (r.params || r.query || r.headers || r.body?.json) f[422] = 'invalid_field: a field breaks its schema (the message names it)';
  if (r.rate !== 'none') {
    const who = r.rate === 'identify' ? "this address, or the partner key's rate; quota_exceeded: the key's requests for the UTC day" : 'this address';
    f[429] = { description: `rate_limited: too many requests from ${who}`, retryAfter: 'always' };
  }
  f[500] = 'internal: an unexpected failure (logged)';
  return f;
}

function parameters(where: Parameter['in'], s: ObjectSchema | undefined): Parameter[] {
  return Object.entries(s?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (s?.required ?? []).includes(name),
    schema,
  }));
}

const contentEncoding: Parameter = {
  name: 'Content-Encoding',
  in: 'header',
  required: false,
  schema: { type: 'string', enum: ['gzip', 'identity'], description: 'gzip: the size limit counts decoded bytes' },
};

export function describeRoute(r: AnyRoute): Operation {
  const status = r.status ?? 200;
  const success: Answer = { description: REASON[status], schema: r.response, mediaType: r.mediaType, headers: r.responseHeaders };
  const extra = Object.entries(r.extraResponses ?? {}).map(([code, a]) => [code, { ...a, mediaType: r.mediaType }]);
  const requestBody: Operation['requestBody'] = {};
  if (r.body?.json) requestBody['application/json'] = r.body.json;
  for (const type of [r.body?.binary?.contentType ?? []].flat()) requestBody[type] = { type: 'string', contentMediaType: type, description: r.body!.binary!.description };
  return {
    method: r.method,
    base: API_BASE,
    path: r.path,
    operationId: r.operationId,
    tag: r.tag,
    summary: r.summary,
    description: r.description,
    parameters: [...parameters('path', r.params), ...parameters('query', r.query), ...parameters('header', r.headers), ...(r.body ? [contentEncoding] : [])],
    requestBody: r.body ? requestBody : undefined,
    security: r.admin ? [{ admin: [] }] : r.rate === 'identify' ? [{}, { partnerKey: [] }] : undefined,
    responses: { [status]: success, ...Object.fromEntries(extra), ...failureAnswers(errorSchema, pipelineFailures(r), r.errors ?? {}) },
  };
}
