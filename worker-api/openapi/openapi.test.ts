// The served document, checked in Node where ajv runs (workerd cannot compile schemas): a
// valid OpenAPI 3.1 document whose schemas are strict JSON Schema 2020-12, describing
// exactly the operations the app serves.
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { app } from '../app';

// Describing the app needs neither its Durable Objects' base class nor its WebAssembly (audio, pictures).
vi.mock('cloudflare:workers', () => ({ DurableObject: class {} }));
vi.mock('../audio', () => ({ dspModule: null, useDecoders: () => {} }));
vi.mock('../artwork/codec', () => ({ decode: null, encodeJpeg: null }));

type Op = { operationId: string; tags: string[] };
type PathItem = { servers?: { url: string }[] } & Partial<Record<string, Op>>;
type Doc = { servers: { url: string }[]; tags: { name: string }[]; paths: Record<string, PathItem>; components: { schemas: Record<string, object> } };

const METHODS = ['get', 'put', 'post', 'delete'];
let doc: Doc;

beforeAll(async () => {
  const env = { CORS_ORIGINS: '', RATE_READ: { limit: async () => ({ success: true }) } };
  const res = await app.request('http://earshot.test/api/v1/openapi.json', {}, env);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});

/** Every schema of the document, named by where it is. */
function schemasOf(d: Doc): [string, unknown][] {
  const found: [string, unknown][] = [];
  const walk = (node: unknown, at: string) => {
    if (typeof node !== 'object' || node === null) return;
    if ('schema' in node) found.push([at, node.schema]);
    for (const [k, v] of Object.entries(node)) if (k !== 'schema') walk(v, `${at}/${k}`);
  };
  walk(d.paths, '#/paths');
  return found;
}

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('publishes schemas that strict JSON Schema 2020-12 compiles, nullability as type unions', () => {
    // ajv would take OpenAPI 3.0's nullable: 3.1 has none
    expect(JSON.stringify(doc)).not.toContain('"nullable"');
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    ajv.addSchema({ $id: 'https://earshot.test/components', $defs: doc.components.schemas });
    const schemas = schemasOf(doc);
    expect(schemas.length).toBeGreaterThan(100);
    for (const [at, schema] of schemas) {
      const linked = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"https://earshot.test/components#/$defs/'));
      expect(() => ajv.compile(linked), at).not.toThrow();
    }
  });

  it('names and tags every operation, each name once', () => {
    const ops = Object.values(doc.paths).flatMap((item) => METHODS.flatMap((m) => (item[m] ? [item[m]] : [])));
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const op of ops) expect(op.tags.length === 1 && tags.has(op.tags[0]), op.operationId).toBe(true);
    expect(new Set(ops.map((op) => op.operationId)).size).toBe(ops.length);
  });

  it('describes every operation the app serves under /api, and no other', () => {
    // the rest are pages for people (the shared answer at /r/<token>), not API
    const served = app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => {
      const base = new URL((item.servers ?? doc.servers)[0].url).pathname;
      return METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${base}${path.replace(/\{(\w+)\}/g, ':$1')}`);
    });
    expect(documented.sort()).toEqual([...new Set(served)].sort());
  });
});
