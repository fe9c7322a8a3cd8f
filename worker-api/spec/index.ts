// One definition per endpoint: the same object mounts the handler, validates the request
// (rate, auth, size, content type, schema) and describes the endpoint in /openapi.json.
import type { Context, Hono } from 'hono';
import { requireAdmin } from '../auth';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { admitPartner, partnerKeyOf } from '../keys/gate';
import { checkRate, readBody, type RateClass } from '../limits';
import type { Failure, Header } from './operation';
import { coerce, type Infer, type ObjectSchema, type Schema, SchemaError, validate } from './schema';
import type { Tag } from './tags';

export { validate, type Infer, type ObjectSchema, type Schema } from './schema';

/** Where the routes are mounted: their paths are relative to it. */
export const API_BASE = '/api/v1';

const EMPTY = { type: 'object', properties: {} } as const satisfies ObjectSchema;
type Empty = typeof EMPTY;

export interface BodySpec<J extends ObjectSchema> {
  maxBytes: number;
  /** application/json, validated against this schema. */
  json?: J;
  /** A binary alternative (e.g. the ESH1 hash records), handed over as bytes; one or several media types. */
  binary?: { contentType: string | readonly string[]; description: string };
}

export type Body<J> = { kind: 'none' } | { kind: 'json'; value: J } | { kind: 'binary'; bytes: Uint8Array };

export interface RouteInput<P extends ObjectSchema, Q extends ObjectSchema, J extends ObjectSchema> {
  c: Context<AppEnv>;
  params: Infer<P>;
  query: Infer<Q>;
  body: Body<Infer<J>>;
}

export interface RouteDef<P extends ObjectSchema = Empty, Q extends ObjectSchema = Empty, J extends ObjectSchema = Empty> {
  method: 'get' | 'put' | 'post' | 'delete';
  /** OpenAPI form, relative to API_BASE: `/tracks/{id}`. */
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  rate: RateClass;
  admin?: boolean;
  params?: P;
  query?: Q;
  /** Request headers the handler reads, by their published names; validated like the query. */
  headers?: ObjectSchema;
  body?: BodySpec<J>;
  /** The success status; 101 is a WebSocket's, with no body. */
  status?: 101 | 200 | 201;
  /** The success answer's body; none for a 101. */
  response?: Schema;
  /** The success answer's media type when it is not JSON (several: the handler picks one). */
  mediaType?: string | readonly string[];
  responseHeaders?: Record<string, Header>;
  /** Other successful answers (a body of the same media type; none without a schema: a 304). */
  extraResponses?: Record<number, { description: string; schema?: Schema }>;
  /** The error statuses the handler answers with, besides those mount() gives (spec/describe.ts). */
  errors?: Partial<Record<number, Failure>>;
  handler: (input: RouteInput<P, Q, J>) => Promise<Response>;
}

export type AnyRoute = RouteDef<ObjectSchema, ObjectSchema, ObjectSchema>;

export function defineRoute<const P extends ObjectSchema = Empty, const Q extends ObjectSchema = Empty, const J extends ObjectSchema = Empty>(
  def: RouteDef<P, Q, J>,
): AnyRoute {
  return def as unknown as AnyRoute;
}

function invalid(err: unknown): never {
  if (err instanceof SchemaError) throw new ApiError(422, 'invalid_field', err.message);
  throw err;
}

async function readInput(route: AnyRoute, c: Context<AppEnv>): Promise<Body<unknown>> {
  const spec = route.body;
  if (!spec) return { kind: 'none' };
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const accepted = [spec.json && 'application/json', spec.binary?.contentType].flat().filter(Boolean) as string[];
  if (!accepted.includes(type)) {
    throw new ApiError(415, 'unsupported_media_type', `Content-Type must be ${accepted.join(' or ')}, not ${type || 'missing'}`);
  }
  const bytes = await readBody(c.req.raw, spec.maxBytes);
  if (type !== 'application/json') return { kind: 'binary', bytes };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new ApiError(400, 'malformed_body', 'the body is not valid UTF-8 JSON');
  }
  try {
    return { kind: 'json', value: validate(spec.json!, value, 'body') };
  } catch (err) {
    invalid(err);
  }
}

/** Hono's form of an OpenAPI path: `/tracks/:id`. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** The declared headers the request carries, by their declared names. */
function headersOf(s: ObjectSchema, c: Context<AppEnv>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(s.properties).flatMap((name) => {
      const value = c.req.header(name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

export function mount(app: Hono<AppEnv>, route: AnyRoute): void {
  app.on(route.method.toUpperCase(), honoPath(route.path), async (c) => {
    const started = performance.now();
    // a partner page's identify counts against its key's rate and quota, not its visitor's address
    const partnerKey = route.rate === 'identify' ? partnerKeyOf(c.req.raw) : null;
    const rate = partnerKey !== null ? admitPartner(c, partnerKey) : checkRate(route.rate, c.req.raw, c.env);
    // A public route reads its body while the rate limiter answers (it sits on the identify
    // path); an admin route reads nothing before the token is checked.
    const early = route.admin ? null : readInput(route, c);
    early?.catch(() => {}); // its error, if any, is thrown below, after the rate's
    try {
      await rate;
    } catch (refused) {
      // answered while the client still sends, a 429 reaches browsers and Node's fetch as a
      // reset connection: the body (at most the route's limit) is read first
      await early?.catch(() => {});
      throw refused;
    }
    if (route.admin) await requireAdmin(c.req.raw, c.env);
    let params: unknown;
    let query: unknown;
    try {
      params = validate(route.params ?? EMPTY, coerce(route.params ?? EMPTY, c.req.param() as Record<string, string>), 'path');
      // fromEntries makes every name an own field, "__proto__" included (a plain assignment would not)
      query = validate(route.query ?? EMPTY, coerce(route.query ?? EMPTY, Object.fromEntries(new URL(c.req.url).searchParams)), 'query');
      if (route.headers) validate(route.headers, headersOf(route.headers, c), 'header');
    } catch (err) {
      invalid(err);
    }
    const body = await (early ?? readInput(route, c));
    // the rate check and the body's arrival, before the handler's own timings
    c.header('Server-Timing', `input;dur=${(performance.now() - started).toFixed(1)}`, { append: true });
    return route.handler({ c, params, query, body } as RouteInput<ObjectSchema, ObjectSchema, ObjectSchema>);
  });
}
