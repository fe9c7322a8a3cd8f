// The app: the API under API_BASE, TuneScout's under TUNESCOUT_BASE, shared answers' pages
// under /r/ (share/), everything else the built web app (assets).
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './env';
import { ApiError, errorResponse } from './errors';
import { fallback } from './acrcloud';
import { artworkRoutes } from './artwork';
import { health } from './health';
import { isrcRoutes } from './isrc';
import { keyRoutes } from './keys';
import { partnerOriginAllowed } from './keys/cors';
import { identify } from './identify';
import { openApiRoute } from './openapi';
import { readResult } from './results';
import { SHARE_ROUTE, sharePage } from './share';
import { stationRoutes } from './stations';
import { stats } from './stats';
import { trackRoutes } from './tracks';
import { tuneScout, tuneScoutNotFound } from './tunescout';
import { TUNESCOUT_BASE } from './tunescout/routes';
import { type AnyRoute, API_BASE, mount } from './spec';

const routes: AnyRoute[] = [health, identify, fallback, readResult, ...trackRoutes, ...artworkRoutes, ...keyRoutes, ...isrcRoutes, ...stationRoutes, stats];
routes.push(openApiRoute(() => routes));

export const app = new Hono<AppEnv>();
const api = new Hono<AppEnv>();

// The app is same-origin; other origins when configured, or when a partner key lists them.
api.use(
  cors({
    origin: async (origin, c) => {
      const allowed = c.env.CORS_ORIGINS.split(',').map((s: string) => s.trim()).filter(Boolean);
      if (origin === new URL(c.req.url).origin || allowed.includes(origin)) return origin;
      return (await partnerOriginAllowed(c, origin)) ? origin : null;
    },
    allowHeaders: ['Content-Type', 'Content-Encoding', 'Authorization', 'Idempotency-Key', 'X-Earshot-Key'],
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['Retry-After', 'Idempotent-Replayed', 'Server-Timing'],
    maxAge: 600,
  }),
);
for (const r of routes) mount(api, r);
api.notFound((c) => errorResponse(new ApiError(404, 'not_found', 'no such endpoint'), c));
api.onError(errorResponse);

app.route(API_BASE, api);
app.route(TUNESCOUT_BASE, tuneScout);
// other versions of our API are ours to answer; the rest of /api is TuneScout's namespace
app.all('/api/*', (c) =>
  /^\/api\/v\d+(\/|$)/.test(c.req.path) ? errorResponse(new ApiError(404, 'not_found', 'no such endpoint (the API lives under /api/v1)'), c) : tuneScoutNotFound(c),
);
app.get(SHARE_ROUTE, sharePage);
app.all('*', (c) => c.env.ASSETS.fetch(c.req.raw));
