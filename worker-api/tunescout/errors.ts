// TuneScout answers every failure as `{ "status": "error", "message": "..." }` (its wording
// where it has one), with `error` beside it for clients written against its older form.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { TuneScoutError } from '../../common/tunescout-types';
import { ApiError } from '../errors';

export class TuneScoutFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Pick<TuneScoutError, 'blob_sha1'> = {},
  ) {
    super(message);
    this.name = 'TuneScoutFailure';
  }
}

export const NO_FILE = 'No file part in the request';
export const NOT_FOUND = 'Endpoint not found';

export function tuneScoutBody(message: string, extra: Pick<TuneScoutError, 'blob_sha1'> = {}): TuneScoutError {
  return { status: 'error', message, error: message, ...extra };
}

export function tuneScoutError(err: unknown, c: Context): Response {
  // the shared catalog and index code speaks Earshot's errors: same status, TuneScout's shape
  if (err instanceof ApiError) return c.json(tuneScoutBody(err.message), err.status, err.headers);
  if (err instanceof TuneScoutFailure) return c.json(tuneScoutBody(err.message, err.extra), err.status, err.headers);
  console.error('tunescout: unhandled', err);
  return c.json(tuneScoutBody('Internal server error'), 500);
}
