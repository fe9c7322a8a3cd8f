// A small JSON Schema subset: the route definitions use it to validate requests and the
// OpenAPI document publishes the very same objects, so the two cannot drift apart. The
// workerd tests check every answer against the published document with it too.

export type Schema =
  | {
      type: 'string';
      minLength?: number;
      maxLength?: number;
      pattern?: string;
      enum?: readonly string[];
      /** A file's bytes in a form (an annotation: nothing to validate). */
      contentMediaType?: string;
      nullable?: boolean;
      description?: string;
    }
  | { type: 'integer' | 'number'; minimum?: number; maximum?: number; enum?: readonly number[]; nullable?: boolean; description?: string }
  | { type: 'boolean'; nullable?: boolean; description?: string }
  | { type: 'array'; items: Schema; minItems?: number; maxItems?: number; description?: string }
  | ObjectSchema
  | OneOf;

export interface ObjectSchema {
  type: 'object';
  properties: Readonly<Record<string, Schema>>;
  required?: readonly string[];
  additionalProperties?: boolean;
  nullable?: boolean;
  description?: string;
}

/** Exactly one of the alternatives: answers whose fields depend on their status field. */
export interface OneOf {
  type?: undefined;
  oneOf: readonly Schema[];
  description?: string;
}

type Nullable<S, T> = S extends { nullable: true } ? T | null : T;
type Props<P, R extends string> = { [K in keyof P as K extends R ? K : never]-?: Infer<P[K]> } & {
  [K in keyof P as K extends R ? never : K]?: Infer<P[K]>;
};

/** The TypeScript type of values a schema accepts. */
export type Infer<S> = S extends { type: 'string'; enum: readonly (infer E)[] }
  ? Nullable<S, E>
  : S extends { type: 'string' }
    ? Nullable<S, string>
    : S extends { type: 'integer' | 'number' }
      ? Nullable<S, number>
      : S extends { type: 'boolean' }
        ? Nullable<S, boolean>
        : S extends { type: 'array'; items: infer I }
          ? Infer<I>[]
          : S extends { type: 'object'; properties: infer P }
            ? Nullable<S, Props<P, S extends { required: readonly (infer R extends string)[] } ? R : never>>
            : unknown;

export class SchemaError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'SchemaError';
  }
}

const compiled = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let r = compiled.get(pattern);
  if (!r) compiled.set(pattern, (r = new RegExp(pattern)));
  return r;
}

export interface ValidateOptions {
  /**
   * Objects without additionalProperties refuse fields their schema does not name: an answer
   * checked against the document may carry no field the document leaves out.
   */
  closed?: boolean;
}

/** Throws SchemaError naming the first offending path; returns the value typed. */
export function validate<S extends Schema>(schema: S, value: unknown, path = 'body', opts: ValidateOptions = {}): Infer<S> {
  check(schema, value, path, opts);
  return value as Infer<S>;
}

/** The published form (OpenAPI 3.1) spells nullable as a type union: read both. */
function unionFree(s: Schema): Schema {
  const type: unknown = s.type;
  if (!Array.isArray(type)) return s;
  return { ...s, type: type.find((t) => t !== 'null'), nullable: type.includes('null') } as Schema;
}

function check(schema: Schema, v: unknown, path: string, opts: ValidateOptions): void {
  const s = unionFree(schema);
  if (v === null && 'nullable' in s && s.nullable) return;
  switch (s.type) {
    case undefined: {
      const misses: string[] = [];
      for (const alt of s.oneOf) {
        try {
          check(alt, v, path, opts);
        } catch (err) {
          if (!(err instanceof SchemaError)) throw err;
          misses.push(err.message);
        }
      }
      const matches = s.oneOf.length - misses.length;
      if (matches === 0) throw new SchemaError(path, `matches none of its alternatives (${misses.join('; ')})`);
      if (matches > 1) throw new SchemaError(path, `matches ${matches} of its alternatives, not one`);
      return;
    }
    case 'string':
      if (typeof v !== 'string') throw new SchemaError(path, 'must be a string');
      if (s.minLength !== undefined && v.length < s.minLength) throw new SchemaError(path, `must have at least ${s.minLength} characters`);
      if (s.maxLength !== undefined && v.length > s.maxLength) throw new SchemaError(path, `must have at most ${s.maxLength} characters`);
      if (s.pattern !== undefined && !regex(s.pattern).test(v)) throw new SchemaError(path, `must match ${s.pattern}`);
      if (s.enum && !s.enum.includes(v)) throw new SchemaError(path, `must be one of ${s.enum.join(', ')}`);
      return;
    case 'integer':
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new SchemaError(path, 'must be a finite number');
      if (s.type === 'integer' && !Number.isInteger(v)) throw new SchemaError(path, 'must be an integer');
      if (s.minimum !== undefined && v < s.minimum) throw new SchemaError(path, `must be >= ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) throw new SchemaError(path, `must be <= ${s.maximum}`);
      if (s.enum && !s.enum.includes(v)) throw new SchemaError(path, `must be one of ${s.enum.join(', ')}`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') throw new SchemaError(path, 'must be true or false');
      return;
    case 'array':
      if (!Array.isArray(v)) throw new SchemaError(path, 'must be an array');
      if (s.minItems !== undefined && v.length < s.minItems) throw new SchemaError(path, `must have at least ${s.minItems} items`);
      if (s.maxItems !== undefined && v.length > s.maxItems) throw new SchemaError(path, `must have at most ${s.maxItems} items`);
      for (let i = 0; i < v.length; i++) check(s.items, v[i], `${path}[${i}]`, opts);
      return;
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SchemaError(path, 'must be an object');
      const o = v as Record<string, unknown>;
      for (const k of s.required ?? []) if (o[k] === undefined) throw new SchemaError(`${path}.${k}`, 'is required');
      for (const [k, val] of Object.entries(o)) {
        // own properties only: "__proto__", "constructor" or "toString" are no known field
        const p = Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
        if (p) check(p, val, `${path}.${k}`, opts);
        else if (s.additionalProperties === false || (opts.closed && s.additionalProperties === undefined)) throw new SchemaError(`${path}.${k}`, 'is not a known field');
      }
      return;
    }
  }
}

/** Query strings and path segments arrive as text: convert them to what the schema wants. */
export function coerce(s: ObjectSchema, raw: Record<string, string>): Record<string, unknown> {
  // fromEntries keeps every name an own field ("__proto__" too), for validate to refuse
  return Object.fromEntries(
    Object.entries(raw).map(([k, text]) => {
      const p = Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
      if (p?.type === 'integer' || p?.type === 'number') return [k, text.trim() === '' ? NaN : Number(text)];
      if (p?.type === 'boolean') return [k, text === 'true' ? true : text === 'false' ? false : text];
      return [k, text];
    }),
  );
}
