// The OpenAPI 3.1 document, built from the route definitions that validate requests.
import { FP_VERSION } from '../../dsp/src/index';
import { type AnyRoute, defineRoute, type ObjectSchema, type Schema } from '../spec';

const errorSchema: Schema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

/** OpenAPI 3.1 spells nullability as a type union. */
function toJsonSchema(s: Schema): Record<string, unknown> {
  const { nullable, ...rest } = s as Schema & { nullable?: boolean };
  const out: Record<string, unknown> = { ...rest };
  if (s.type === 'array') out.items = toJsonSchema(s.items);
  if (s.type === 'object') {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toJsonSchema(v)]));
  }
  if (nullable) out.type = [s.type, 'null'];
  return out;
}

function parameters(where: 'path' | 'query', s: ObjectSchema | undefined) {
  return Object.entries(s?.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (s?.required ?? []).includes(name),
    schema: toJsonSchema(schema),
  }));
}

const errorsOf = (r: AnyRoute): number[] => {
  const codes = [400, 404, 422, 500];
  if (r.rate !== 'none') codes.push(429);
  if (r.admin) codes.push(401, 503);
  if (r.body) codes.push(413, 415);
  return codes.sort();
};

export function openApiDocument(routes: AnyRoute[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const content: Record<string, unknown> = {};
    if (r.body?.json) content['application/json'] = { schema: toJsonSchema(r.body.json) };
    if (r.body?.binary) content[r.body.binary.contentType] = { schema: { type: 'string', format: 'binary', description: r.body.binary.description } };
    const responses: Record<string, unknown> = {
      [r.status ?? 200]: { description: 'OK', content: { 'application/json': { schema: toJsonSchema(r.response) } } },
    };
    for (const [code, extra] of Object.entries(r.extraResponses ?? {})) {
      responses[code] = { description: extra.description, content: { 'application/json': { schema: toJsonSchema(extra.schema) } } };
    }
    for (const code of errorsOf(r)) {
      responses[code] ??= { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      parameters: [...parameters('path', r.params), ...parameters('query', r.query)],
      ...(r.body ? { requestBody: { required: true, content } } : {}),
      ...(r.admin ? { security: [{ admin: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Earshot API', version: `1 (fp_version ${FP_VERSION})` },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Error: toJsonSchema(errorSchema) },
      securitySchemes: { admin: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN, for catalog writes' } },
    },
  };
}

export function openApiRoute(routes: () => AnyRoute[]): AnyRoute {
  return defineRoute({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    rate: 'read',
    response: { type: 'object', properties: { openapi: { type: 'string' } }, required: ['openapi'] },
    handler: async ({ c }) => c.json(openApiDocument(routes(), new URL('/api/v1', c.req.url).href)),
  });
}
