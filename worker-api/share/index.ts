// GET /r/<token>: a stored identify answer as a page, for someone who opens a shared link
// without the app. Rendered here, not by the app, because the crawlers that draw chat apps'
// link previews run no JavaScript: the song and its Open Graph tags must be in the HTML.
// Statuses and caching are explained in docs/sharing.md.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sharePath } from '../../common/links';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { checkRate } from '../limits';
import { readAnswer, resultTtlS, TOKEN_PATTERN } from '../results';
import { contentSecurityPolicy, layout, type Page } from './layout';
import { busyPage, expiredPage, malformedPage, unnamedPage } from './notice';
import { songPage } from './song';

const PREFIX = sharePath('');
/** Where app.ts mounts the page: every path under the prefix, so a mangled link gets a page too. */
export const SHARE_ROUTE = `${PREFIX}*`;
const TOKEN = new RegExp(TOKEN_PATTERN);
/** A link shared before tokens carried their answer: its answer lived a day in KV, and is gone. */
const STORED_TOKEN = /^[A-Za-z0-9_-]{22}$/;

/**
 * A named song may be kept a little (previews, reopened links), never past its token's
 * life; no other answer is final.
 */
const SONG_MAX_AGE_S = 300;
const songCache = (until: number) => `public, max-age=${Math.max(0, Math.min(SONG_MAX_AGE_S, Math.floor(until - Date.now() / 1000)))}`;
const NO_CACHE = 'no-store';

async function respond(c: Context<AppEnv>, page: Page, status: ContentfulStatusCode, cache: string, extra: Record<string, string> = {}): Promise<Response> {
  return c.body(layout(page), status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': await contentSecurityPolicy(),
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
    // the token in the address is the key to the answer: it is not handed to the links' sites
    'referrer-policy': 'no-referrer',
    // an answer lives a day: nothing here is worth a search engine's index
    'x-robots-tag': 'noindex',
    ...extra,
  });
}

export async function sharePage(c: Context<AppEnv>): Promise<Response> {
  try {
    await checkRate('read', c.req.raw, c.env);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return respond(c, busyPage(Number(err.headers['Retry-After'])), err.status, NO_CACHE, err.headers);
  }
  const token = c.req.path.slice(PREFIX.length);
  if (STORED_TOKEN.test(token)) return respond(c, expiredPage(resultTtlS(c.env)), 404, NO_CACHE);
  if (!TOKEN.test(token)) return respond(c, malformedPage(), 404, NO_CACHE);
  const read = await readAnswer(c.env, token);
  // a token this server did not seal is a mangled link; one it sealed has expired, or its
  // song has left the catalog
  if (read === 'unknown') return respond(c, malformedPage(), 404, NO_CACHE);
  if (read === 'gone') return respond(c, expiredPage(resultTtlS(c.env)), 404, NO_CACHE);
  const { answer, until } = read;
  const match = answer.matches[0];
  // no_match and need_more: there is no song at this address
  if (answer.status !== 'match' || !match) return respond(c, unnamedPage(), 404, NO_CACHE);
  return respond(c, songPage({ answer, match, url: new URL(sharePath(token), c.req.url) }), 200, songCache(until));
}
