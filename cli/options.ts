// Flags shared by the commands that talk to the API, and positive-integer parsing.
import { availableParallelism } from 'node:os';
import { ApiClient } from './api/client';
import { adminToken, apiUrl } from './api/config';
import { UsageError } from './usage';

export const apiFlags = {
  api: { type: 'string' },
  token: { type: 'string' },
  retries: { type: 'string' },
} as const;

export function positiveInt(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min} (got '${value}')`);
  return n;
}

/** A number of seconds from a flag, at least `min` (and at most `max`). */
export function seconds(value: string | undefined, name: string, fallback: number, min = 0, max = Infinity): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number of seconds from ${min} to ${max === Infinity ? 'any length' : max} (got '${value}')`);
  }
  return n;
}

export function jobs(value: string | undefined): number {
  return positiveInt(value, 'jobs', availableParallelism());
}

export function client(values: { api?: string; token?: string; retries?: string }, withToken: boolean): ApiClient {
  const base = apiUrl(values.api);
  return new ApiClient(base, {
    token: withToken ? adminToken(values.token, base) : undefined,
    retries: positiveInt(values.retries, 'retries', 6, 0),
  });
}
