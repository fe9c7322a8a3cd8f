// A small JSON Schema subset: the route definitions use it to validate requests and the
// OpenAPI document publishes the very same objects, so the two cannot drift apart.

export type Schema =
  | { type: 'string'; minLength?: number; maxLength?: number; pattern?: string; enum?: readonly string[]; nullable?: boolean; description?: string }
  | { type: 'integer' | 'number'; minimum?: number; maximum?: number; nullable?: boolean; description?: string }
  | { type: 'boolean'; nullable?: boolean; description?: string }
  | { type: 'array'; items: Schema; minItems?: number; maxItems?: number; description?: string }
  | ObjectSchema;

export interface ObjectSchema {
  type: 'object';
  properties: Readonly<Record<string, Schema>>;
  required?: readonly string[];
  additionalProperties?: boolean;
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
            ? Props<P, S extends { required: readonly (infer R extends string)[] } ? R : never>
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

/** Throws SchemaError naming the first offending path; returns the value typed. */
export function validate<S extends Schema>(schema: S, value: unknown, path = 'body'): Infer<S> {
  check(schema, value, path);
  return value as Infer<S>;
}

function check(s: Schema, v: unknown, path: string): void {
  if (v === null && 'nullable' in s && s.nullable) return;
  switch (s.type) {
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
      return;
    case 'boolean':
      if (typeof v !== 'boolean') throw new SchemaError(path, 'must be true or false');
      return;
    case 'array':
      if (!Array.isArray(v)) throw new SchemaError(path, 'must be an array');
      if (s.minItems !== undefined && v.length < s.minItems) throw new SchemaError(path, `must have at least ${s.minItems} items`);
      if (s.maxItems !== undefined && v.length > s.maxItems) throw new SchemaError(path, `must have at most ${s.maxItems} items`);
      for (let i = 0; i < v.length; i++) check(s.items, v[i], `${path}[${i}]`);
      return;
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SchemaError(path, 'must be an object');
      const o = v as Record<string, unknown>;
      for (const k of s.required ?? []) if (o[k] === undefined) throw new SchemaError(`${path}.${k}`, 'is required');
      for (const [k, val] of Object.entries(o)) {
        // own properties only: "__proto__", "constructor" or "toString" are no known field
        const p = Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
        if (p) check(p, val, `${path}.${k}`);
        else if (s.additionalProperties === false) throw new SchemaError(`${path}.${k}`, 'is not a known field');
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
