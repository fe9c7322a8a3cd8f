// The OpenAPI 3.1 document, built from the same definitions that mount the endpoints and
// validate their requests: the /api/v1 routes and TuneScout's endpoints under /api.
import { FP_VERSION } from '../../dsp/src/index';
import { errorSchema } from '../errors';
import { type AnyRoute, API_BASE, defineRoute, type Schema } from '../spec';
import { describeRoute } from '../spec/describe';
import { type Answer, type Operation, SECURITY_SCHEMES } from '../spec/operation';
import { TAGS } from '../spec/tags';
import { tuneScoutOperations } from '../tunescout/describe';
import { tuneScoutErrorSchema } from '../tunescout/schemas';

/** Schemas published once under components and referred to by name. */
const components = new Map<Schema, string>([
  [errorSchema, 'Error'],
  [tuneScoutErrorSchema, 'TuneScoutError'],
]);

/** A schema as published: a named one by reference. */
function toJsonSchema(s: Schema): Record<string, unknown> {
  const name = components.get(s);
  return name ? { $ref: `#/components/schemas/${name}` } : expand(s);
}

/** OpenAPI 3.1 spells nullability as a type union (and a nullable enum lists null). */
function expand(s: Schema): Record<string, unknown> {
  if (s.type === undefined) return { ...s, oneOf: s.oneOf.map(toJsonSchema) };
  const { nullable, ...rest } = s as Schema & { nullable?: boolean };
  const out: Record<string, unknown> = { ...rest };
  if (s.type === 'array') out.items = toJsonSchema(s.items);
  if (s.type === 'object') out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toJsonSchema(v)]));
  if (nullable) {
    out.type = [s.type, 'null'];
    if (s.type === 'string' && s.enum) out.enum = [...s.enum, null];
  }
  return out;
}

function answer(a: Answer) {
  return {
    description: a.description,
    ...(a.headers ? { headers: Object.fromEntries(Object.entries(a.headers).map(([n, h]) => [n, { ...h, schema: toJsonSchema(h.schema) }])) } : {}),
    ...(a.schema ? { content: Object.fromEntries([a.mediaType ?? 'application/json'].flat().map((type) => [type, { schema: toJsonSchema(a.schema!) }])) } : {}),
  };
}

function operation(op: Operation) {
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    parameters: op.parameters.map((p) => ({ ...p, schema: toJsonSchema(p.schema) })),
    ...(op.requestBody
      ? { requestBody: { required: true, content: Object.fromEntries(Object.entries(op.requestBody).map(([type, s]) => [type, { schema: toJsonSchema(s) }])) } }
      : {}),
    ...(op.security ? { security: op.security } : {}),
    responses: Object.fromEntries(Object.entries(op.responses).map(([code, a]) => [code, answer(a)])),
  };
}

export function openApiDocument(routes: AnyRoute[], origin: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of [...routes.map(describeRoute), ...tuneScoutOperations]) {
    const item = (paths[op.path] ??= op.base === API_BASE ? {} : { servers: [{ url: origin + op.base }] });
    item[op.method] = operation(op);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Earshot API', version: `1 (fp_version ${FP_VERSION})` },
    servers: [{ url: origin + API_BASE }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: Object.fromEntries([...components].map(([s, name]) => [name, expand(s)])),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

export function openApiRoute(routes: () => AnyRoute[]): AnyRoute {
  return defineRoute({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'service',
    summary: 'This document',
    rate: 'read',
    response: { type: 'object', properties: { openapi: { type: 'string' } }, required: ['openapi'], additionalProperties: true, description: 'an OpenAPI 3.1 document' },
    handler: async ({ c }) => c.json(openApiDocument(routes(), new URL(c.req.url).origin)),
  });
}
