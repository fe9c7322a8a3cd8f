// TuneScout's API on Earshot (/api/recognize, /api/fetch/<token>, /api/fingerprint): the
// same catalog, index and matcher as /api/v1, with decoding and fingerprinting done here,
// so TuneScout's web UI, uploader and scripts work by changing only their server address.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../env';
import { withinRate } from '../limits';
import { honoPath } from '../spec';
import { tuneScoutConfig } from './config';
import { NOT_FOUND, tuneScoutBody, tuneScoutError, TuneScoutFailure } from './errors';
import { type RateBinding, tuneScoutRoutes } from './routes';

/** The rate-limit bindings' window (wrangler.toml): TuneScout's "N per second" is 10N per 10 s. */
export const RATE_PERIOD_S = 10;

function limited(binding: RateBinding): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!(await withinRate(c.env[binding], c.req.raw, binding))) throw new TuneScoutFailure(429, 'Too many requests', { 'Retry-After': String(RATE_PERIOD_S) });
    await next();
  };
}

const allowOrigins = cors({
  origin: (origin, c: Context<AppEnv>) =>
    origin === new URL(c.req.url).origin || tuneScoutConfig(c.env).allowedOrigins.includes(origin) ? origin : null,
  allowHeaders: ['Content-Type', 'Authorization'],
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  exposeHeaders: ['Retry-After'],
  maxAge: 600,
});

const methodNotAllowed = (c: Context) => c.json(tuneScoutBody('Method not allowed'), 405);

/** Mounted at TUNESCOUT_BASE; only its own paths, so /api/v1 keeps its own CORS and errors. */
export const tuneScout = new Hono<AppEnv>();
for (const r of tuneScoutRoutes) {
  tuneScout.use(honoPath(r.path), allowOrigins);
  tuneScout.on(r.method.toUpperCase(), honoPath(r.path), limited(r.rate), r.handler);
}
for (const r of tuneScoutRoutes) tuneScout.all(honoPath(r.path), methodNotAllowed);
tuneScout.onError(tuneScoutError);

/** Any other path under /api but outside /api/v1: TuneScout's namespace, its answer. */
export const tuneScoutNotFound = (c: Context) => c.json(tuneScoutBody(NOT_FOUND), 404);
