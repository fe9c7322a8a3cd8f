// TuneScout's API on Earshot (/api/recognize, /api/fetch/<token>, /api/fingerprint): the
// same catalog, index and matcher as /api/v1, with decoding and fingerprinting done here,
// so TuneScout's web UI, uploader and scripts work by changing only their server address.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv, Env } from '../env';
import { withinRate } from '../limits';
import { tuneScoutConfig } from './config';
import { NOT_FOUND, tuneScoutBody, tuneScoutError, TuneScoutFailure } from './errors';
import { fingerprint } from './fingerprint';
import { recognize } from './recognize';
import { storedAnswer } from './results';

/** The rate-limit bindings' window (wrangler.toml): TuneScout's "N per second" is 10N per 10 s. */
const PERIOD_S = 10;

function limited(binding: keyof Pick<Env, 'RATE_TS_RECOGNIZE' | 'RATE_TS_FETCH' | 'RATE_TS_FINGERPRINT'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!(await withinRate(c.env[binding], c.req.raw, binding))) throw new TuneScoutFailure(429, 'Too many requests', { 'Retry-After': String(PERIOD_S) });
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

/** Mounted at /api; only these three paths, so /api/v1 keeps its own CORS and errors. */
export const tuneScout = new Hono<AppEnv>();
for (const path of ['/recognize', '/fetch/:token', '/fingerprint']) tuneScout.use(path, allowOrigins);
tuneScout.post('/recognize', limited('RATE_TS_RECOGNIZE'), recognize);
tuneScout.get('/fetch/:token', limited('RATE_TS_FETCH'), async (c) => {
  const stored = await storedAnswer(c.env, c.req.param('token'));
  if (stored === null) return c.json(tuneScoutBody('The requested data could not be found'), 404);
  return c.body(stored, 200, { 'content-type': 'application/json' });
});
tuneScout.post('/fingerprint', limited('RATE_TS_FINGERPRINT'), fingerprint);
for (const path of ['/recognize', '/fetch/:token', '/fingerprint']) tuneScout.all(path, methodNotAllowed);
tuneScout.onError(tuneScoutError);

/** Any other path under /api but outside /api/v1: TuneScout's namespace, its answer. */
export const tuneScoutNotFound = (c: Context) => c.json(tuneScoutBody(NOT_FOUND), 404);
