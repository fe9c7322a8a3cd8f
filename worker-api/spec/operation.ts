// One endpoint as /openapi.json publishes it, whichever way it is mounted: the /api/v1
// routes (defineRoute) and TuneScout's endpoints under /api are both described this way.
import { KEY_HEADER } from '../keys/gate';
import type { Schema } from './schema';
import type { Tag } from './tags';

/** The credentials operations ask for, by the names their security requirements use. */
export const SECURITY_SCHEMES = {
  admin: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN: catalog, key and station writes' },
  partnerKey: { type: 'apiKey', in: 'header', name: KEY_HEADER, description: "a partner page's key (or ?key= where the route takes it): metered per key instead of per address" },
  tuneScoutToken: { type: 'http', scheme: 'bearer', description: "TUNESCOUT_TOKEN (TuneScout's fingerprinting.token)" },
} as const;

export interface Header {
  description: string;
  schema: Schema;
  required?: boolean;
}

/** An answer: its body (none without a schema), media type (default JSON) and headers. */
export interface Answer {
  description: string;
  schema?: Schema;
  mediaType?: string | readonly string[];
  headers?: Record<string, Header>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: 'get' | 'put' | 'post' | 'delete';
  /** Where the operation's API is mounted: its paths are relative to it. */
  base: string;
  /** OpenAPI form: `/tracks/{id}`. */
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  parameters: Parameter[];
  /** Schemas by media type. */
  requestBody?: Record<string, Schema>;
  /** Alternatives: any one of them lets the request in ({} is none at all). */
  security?: Partial<Record<keyof typeof SECURITY_SCHEMES, string[]>>[];
  responses: Record<number, Answer>;
}

/**
 * An error status with the body `schema`. Retry-After: 'always' when every answer of the
 * status carries it, 'sometimes' when some of its causes do.
 */
export type Failure = string | { description: string; retryAfter: 'always' | 'sometimes' };

const retryAfter = (required: boolean): Header => ({ description: 'seconds to wait before trying again', schema: { type: 'integer', minimum: 0 }, required });

function failureAnswer(f: Failure, schema: Schema): Answer {
  if (typeof f === 'string') return { description: f, schema };
  return { description: f.description, schema, headers: { 'Retry-After': retryAfter(f.retryAfter === 'always') } };
}

/**
 * The error answers of `lists`, each a cause of a status; causes of the same status are
 * joined, and a header becomes optional unless every cause sends it.
 */
export function failureAnswers(schema: Schema, ...lists: Partial<Record<number, Failure>>[]): Record<number, Answer> {
  const out: Record<number, Answer> = {};
  for (const list of lists) {
    for (const [code, f] of Object.entries(list)) {
      const next = failureAnswer(f!, schema);
      const prev = out[Number(code)];
      out[Number(code)] = prev ? { ...next, description: `${prev.description}; ${next.description}`, headers: joinHeaders(prev.headers, next.headers) } : next;
    }
  }
  return out;
}

function joinHeaders(a: Answer['headers'] = {}, b: Answer['headers'] = {}): Answer['headers'] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  if (names.length === 0) return undefined;
  return Object.fromEntries(names.map((n) => [n, { ...(a[n] ?? b[n])!, required: Boolean(a[n]?.required && b[n]?.required) }]));
}
