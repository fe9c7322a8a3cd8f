// Every failure leaves the API as `{ "error": { "code", "message" } }` with its status.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError as ApiErrorBody } from '../../common/api-types';
import type { ObjectSchema } from '../spec/schema';

/** The body of every error answer, as /openapi.json publishes it. */
export const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string', description: 'stable, for programs' }, message: { type: 'string', description: 'for people' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const satisfies ObjectSchema;

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorResponse(err: unknown, c: Context): Response {
  if (err instanceof ApiError) {
    const body: ApiErrorBody = { error: { code: err.code, message: err.message } };
    return c.json(body, err.status, err.headers);
  }
  // Unknown failures are logged with their detail and answered without it.
  console.error('unhandled', err);
  const body: ApiErrorBody = { error: { code: 'internal', message: 'internal error' } };
  return c.json(body, 500);
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
