// The answers the workerd tests get, checked against /openapi.json as the Worker serves it:
// the status is one its operation documents, so are its required headers and media type,
// and a JSON body matches the documented schema with no field the document leaves out.
// ajv cannot compile schemas in workerd; the API's own validator reads the document.
import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { type Schema, validate } from '../spec';

interface DocAnswer {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema: Schema }>;
}
interface DocOperation {
  responses: Record<string, DocAnswer>;
}
type PathItem = { servers?: { url: string }[] } & { [method: string]: DocOperation | undefined };
export interface Doc {
  servers: { url: string }[];
  paths: Record<string, PathItem>;
}

let served: Promise<Doc> | undefined;

/** The document the Worker serves, read once per test file from an address of its own. */
export function servedDocument(): Promise<Doc> {
  served ??= exports.default
    .fetch('http://earshot.test/api/v1/openapi.json', { headers: { 'cf-connecting-ip': `fd00:d0c::${crypto.randomUUID().slice(0, 4)}` } })
    .then((res) => res.json() as Promise<Doc>);
  return served;
}

/** The operation that answers `method` on `pathname`, with its full path template. */
function operationOf(doc: Doc, method: string, pathname: string): { template: string; op: DocOperation } | null {
  for (const [path, item] of Object.entries(doc.paths)) {
    const template = new URL((item.servers ?? doc.servers)[0].url).pathname + path;
    const pattern = new RegExp(`^${template.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
    const op = item[method];
    if (op && pattern.test(pathname)) return { template, op };
  }
  return null;
}

/** `node` with every `{ $ref: '#/…' }` replaced by what it points at in `doc`. */
function resolved(doc: Doc, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => resolved(doc, n));
  if (typeof node !== 'object' || node === null) return node;
  if ('$ref' in node && typeof node.$ref === 'string') {
    const target = node.$ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], doc);
    return resolved(doc, target);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolved(doc, v)]));
}

export async function checkResponse(method: string, url: string, res: Response, doc?: Doc): Promise<void> {
  if (method.toUpperCase() === 'OPTIONS') return; // a CORS preflight, answered before any operation
  const d = doc ?? (await servedDocument());
  const found = operationOf(d, method.toLowerCase(), new URL(url).pathname);
  const label = `${method.toUpperCase()} ${found?.template ?? new URL(url).pathname} answered ${res.status}`;
  if (!found) {
    expect([404, 405], `${label}: no operation, so it must be "no such endpoint"`).toContain(res.status);
    return;
  }
  const answer = found.op.responses[res.status];
  expect(answer, `${label}, which it does not document`).toBeDefined();
  for (const [name, header] of Object.entries(answer.headers ?? {})) {
    if (header.required) expect(res.headers.get(name), `${label} without its header ${name}`).not.toBeNull();
  }
  if (!answer.content) return; // a WebSocket's 101
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  expect(Object.keys(answer.content), `${label} as ${type}`).toContain(type);
  if (type !== 'application/json') return;
  const body: unknown = JSON.parse(await res.clone().text());
  try {
    validate(resolved(d, answer.content[type].schema) as Schema, body, 'body', { closed: true });
  } catch (err) {
    expect.fail(`${label}, its body unlike the document's: ${(err as Error).message}`);
  }
}
