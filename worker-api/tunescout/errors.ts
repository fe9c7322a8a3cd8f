// TuneScout answers every failure as `{ "error": "<message>" }` (its wording where it has one).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { TuneScoutError } from '../../common/tunescout-types';
import { ApiError } from '../errors';

export class TuneScoutFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'TuneScoutFailure';
  }
}

export const NO_FILE = 'No file part in the request';

export function tuneScoutError(err: unknown, c: Context): Response {
  // the shared catalog and index code speaks Earshot's errors: same status, TuneScout's shape
  if (err instanceof ApiError) return c.json<TuneScoutError>({ error: err.message }, err.status, err.headers);
  if (err instanceof TuneScoutFailure) return c.json<TuneScoutError>({ error: err.message }, err.status, err.headers);
  console.error('tunescout: unhandled', err);
  return c.json<TuneScoutError>({ error: 'Internal server error' }, 500);
}
