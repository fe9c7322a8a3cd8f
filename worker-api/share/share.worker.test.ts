import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IdentifyResponse, IngestResponse } from '../../common/api-types';
import { confidenceWords } from '../../common/confidence-words';
import { listenLinks } from '../../common/links';
import { FP_VERSION } from '../../dsp/src/index';
import { resultTtlS } from '../results';
import { resultKey } from '../results/key';
import { sealAnswer, type SealedAnswer } from '../results/token';
import { ADMIN, api, freshIp, postJson, syntheticHashes, track } from '../test/fixtures';

const ORIGIN = 'http://earshot.test';
const HOSTILE = {
  title: `</title><script>alert("t")</script> & 'Co' <b>`,
  artist: `A "B" & <C>`,
  album: `<img src=x onerror=alert(1)>`,
};

/** The page as a browser would read it: HTMLRewriter is workerd's own HTML parser. */
interface Parsed {
  html: string;
  lang: string | null;
  meta: Record<string, string>;
  h1: string;
  body: string;
  links: { href: string; text: string }[];
  images: { src: string; alt: string }[];
  style: string;
}

const ENTITY: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** HTMLRewriter hands attributes and text over as written: entities still in. */
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITY[e]);

async function parse(res: Response): Promise<Parsed> {
  const html = await res.text();
  const p: Parsed = { html, lang: null, meta: {}, h1: '', body: '', links: [], images: [], style: '' };
  const attr = (e: Element, name: string) => decode(e.getAttribute(name) ?? '');
  await new HTMLRewriter()
    .on('html', { element: (e) => void (p.lang = e.getAttribute('lang')) })
    .on('meta[property], meta[name]', { element: (e) => void (p.meta[e.getAttribute('property') ?? e.getAttribute('name')!] = attr(e, 'content')) })
    .on('h1', { text: (t) => void (p.h1 += decode(t.text)) })
    .on('main', { text: (t) => void (p.body += decode(t.text)) })
    // elements apart, as a reader sees them: "Album" and its value are two words
    .on('main *', { element: () => void (p.body += ' ') })
    .on('a', { element: (e) => void p.links.push({ href: attr(e, 'href'), text: '' }), text: (t) => void (p.links.at(-1)!.text += decode(t.text)) })
    .on('img', { element: (e) => void p.images.push({ src: attr(e, 'src'), alt: attr(e, 'alt') }) })
    .on('style', { text: (t) => void (p.style += t.text) })
    .transform(new Response(html))
    .text();
  p.body = p.body.replace(/\s+/g, ' ');
  return p;
}

const page = (path: string, init: { method?: string; ip?: string } = {}) =>
  exports.default.fetch(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers: { 'cf-connecting-ip': init.ip ?? freshIp() } });

/** `seconds` of track `seed`'s records from `startFrame`, re-timed to start at 0: a clip of it. */
function clip(seed: number, startFrame: number, seconds: number) {
  const full = syntheticHashes(seed, 60);
  const kept = full.t.flatMap((t, i) => (t >= startFrame && t < startFrame + seconds * 62.5 ? [i] : []));
  return { hash: kept.map((i) => full.hash[i]), t: kept.map((i) => full.t[i] - startFrame), hyp: kept.map(() => 0) };
}

async function identify(hashes: ReturnType<typeof clip>, qs = ''): Promise<IdentifyResponse> {
  const res = await api(`/identify${qs}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fp_version: FP_VERSION, hashes }), ip: freshIp() });
  expect(res.status).toBe(200);
  return res.json();
}

/** A token of the catalog's answer (`sealed`), now or `ageS` ago. */
async function seal(sealed: Partial<SealedAnswer> = {}, ageS = 0): Promise<string> {
  const base: SealedAnswer = { status: 'no_match', degraded: false, fp_version: FP_VERSION, ms: ++sealedCount, matches: [], issued: Math.floor(Date.now() / 1000) - ageS };
  return sealAnswer(await resultKey(env.CATALOG), { ...base, ...sealed });
}
let sealedCount = 0;

/** Any answer behind a token of its own, as the fallback puts its answer in place of the catalog's. */
async function store(answer: IdentifyResponse): Promise<string> {
  const token = await seal();
  await env.RESULTS.put(`result:${token}`, JSON.stringify({ ...answer, token }), { expirationTtl: 60 });
  return token;
}

let named: IdentifyResponse;

/** The named answer with its track changed: `year` is not on every version of TrackMeta's type. */
const namedWith = (track: object, over: Partial<IdentifyResponse['matches'][0]> = {}): IdentifyResponse => ({
  ...named,
  matches: [{ ...named.matches[0], ...over, track: { ...named.matches[0].track, ...track } }],
});
let trackId: number;

beforeAll(async () => {
  const res = await postJson('/tracks', track(2601, HOSTILE), ADMIN);
  expect(res.status).toBe(201);
  trackId = ((await res.json()) as IngestResponse & { track: { id: number } }).track.id;
  named = await identify(clip(2601, 1000, 5));
  expect(named.status).toBe('match');
  expect(named.matches[0].track.id).toBe(trackId);
});

describe('GET /r/:token, a named song', () => {
  it('shows the stored answer: title, artist, album, artwork, confidence, where it was heard, the listen links, the way to the app', async () => {
    const res = await page(`/r/${named.token}`);
    expect(res.status).toBe(200);
    const p = await parse(res);
    const m = named.matches[0];
    expect(p.lang).toBe('en');
    expect(p.h1).toBe(HOSTILE.title);
    expect(p.body).toContain(HOSTILE.artist);
    expect(p.body).toContain(`Album ${HOSTILE.album}`);
    expect(p.body).toContain(`Confidence ${confidenceWords(m.confidence)}`);
    // frame 1000 of 16 ms frames
    expect(p.body).toContain('Heard at 0:16 into the track');
    expect(p.images).toEqual([{ src: `${ORIGIN}/api/v1/tracks/${trackId}/artwork?size=600`, alt: `Cover art of ${HOSTILE.album} by ${HOSTILE.artist}` }]);
    const listen = listenLinks(m.track).map((l) => l.url);
    expect(p.links.filter((l) => listen.includes(l.href)).map((l) => l.text)).toEqual(['Spotify', 'Apple Music', 'YouTube', 'Web search']);
    expect(p.links).toContainEqual({ href: '/', text: 'Identify a song with Earshot' });
  });

  it('carries the Open Graph and Twitter card tags a chat app previews', async () => {
    const { meta } = await parse(await page(`/r/${named.token}`));
    expect(meta).toMatchObject({
      'og:type': 'music.song',
      'og:title': `${HOSTILE.title} — ${HOSTILE.artist}`,
      'og:url': `${ORIGIN}/r/${named.token}`,
      'og:image': `${ORIGIN}/api/v1/tracks/${trackId}/artwork?size=600`,
      'og:image:width': '600',
      'og:image:height': '600',
      'twitter:card': 'summary',
      robots: 'noindex',
    });
    expect(meta['og:description']).toBe(
      `${HOSTILE.title} by ${HOSTILE.artist}, from ${HOSTILE.album}. Heard 0:16 into the track and named by Earshot (${confidenceWords(named.matches[0].confidence).toLowerCase()}).`,
    );
    expect(meta.description).toBe(meta['og:description']);
  });

  it('escapes every stored value: a hostile title adds no element', async () => {
    const p = await parse(await page(`/r/${named.token}`));
    expect(p.html).not.toMatch(/<script|<img src=x|<b>|<C>/);
    expect(p.html).toContain('&lt;/title&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;Co&#39; &lt;b&gt;');
    // the one picture is the artwork, and every link is the page's own
    expect(p.images).toHaveLength(1);
    expect(p.links).toHaveLength(6);
  });

  it('sends a strict policy that lets its one style sheet in, and caches a little', async () => {
    const res = await page(`/r/${named.token}`);
    const p = await parse(res.clone());
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(p.style));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(res.headers.get('content-security-policy')).toBe(
      `default-src 'none'; img-src 'self'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(p.html).not.toMatch(/<script|style=/);
    expect(Object.fromEntries(['content-type', 'cache-control', 'x-content-type-options', 'referrer-policy', 'x-robots-tag'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
    });
  });

  it('answers HEAD with the same status and headers and no body', async () => {
    const get = await page(`/r/${named.token}`);
    const head = await page(`/r/${named.token}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const h of ['content-type', 'content-security-policy', 'cache-control']) expect(head.headers.get(h)).toBe(get.headers.get(h));
    expect((await page('/r/AAAAAAAAAAAAAAAAAAAAAA', { method: 'HEAD' })).status).toBe(404);
  });

  it('shows the year when the stored track has one, and none without', async () => {
    const withYear = await parse(await page(`/r/${await store(namedWith({ year: 1999 }))}`));
    expect(withYear.body).toContain(`Album ${HOSTILE.album} Year 1999 Heard at`);
    expect(withYear.meta['og:description']).toContain(`from ${HOSTILE.album} (1999). Heard`);
    const without = await parse(await page(`/r/${await store(namedWith({ year: null }))}`));
    expect(without.body).not.toContain('Year');
  });

  it("shows an answer ACRCloud named without catalog artwork or our confidence words", async () => {
    // the track as the app builds it from ACRCloud's recording: id 0 when the catalog has none
    const token = await store({ ...namedWith({ id: 0 }, { confidence: 0.87 }), source: 'acrcloud' });
    const res = await page(`/r/${token}`);
    expect(res.status).toBe(200);
    const p = await parse(res);
    expect(p.images).toEqual([]);
    expect(p.meta).not.toHaveProperty('og:image');
    expect(p.meta['twitter:card']).toBe('summary');
    expect(p.body).toContain('Named by ACRCloud');
    expect(p.body).not.toContain('Confidence');
    expect(p.meta['og:description']).toMatch(/named by ACRCloud\.$/);
  });
});

describe('GET /r/:token without a song', () => {
  async function expectNotice(res: Response, heading: string) {
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    const p = await parse(res);
    expect(p.h1).toBe(heading);
    expect(p.meta.robots).toBe('noindex');
    expect(p.meta).not.toHaveProperty('og:title');
    expect(p.links).toContainEqual({ href: '/', text: 'Identify a song with Earshot' });
    return p;
  }

  it('says an expired token has expired, and for how long results are kept', async () => {
    const match = { id: trackId, confidence: 0.9999, offset_s: 16, speed: 1 };
    const fresh = await seal({ status: 'match', matches: [match] }, resultTtlS(env) - 60);
    const last = await page(`/r/${fresh}`);
    expect(last.status).toBe(200);
    // cached no longer than the token lives
    expect(last.headers.get('cache-control')).toMatch(/^public, max-age=(59|60)$/);
    const p = await expectNotice(await page(`/r/${await seal({ status: 'match', matches: [match] }, resultTtlS(env))}`), 'This result has expired');
    expect(p.body).toContain('Earshot keeps a shared result for 24 hours');
    // a link shared before tokens carried their answer (22 characters, its answer kept a day)
    await expectNotice(await page('/r/AAAAAAAAAAAAAAAAAAAAAA'), 'This result has expired');
  });

  it('says an answer that named nothing named nothing: no_match, and need_more inside a session', async () => {
    const none = await identify(clip(2699, 0, 15));
    expect(none.status).toBe('no_match');
    await expectNotice(await page(`/r/${none.token}`), 'Earshot did not name a song here');
    const short = await identify(clip(2698, 0, 5), '?session=share-need-more');
    expect(short.status).toBe('need_more');
    await expectNotice(await page(`/r/${short.token}`), 'Earshot did not name a song here');
  });

  it('calls a malformed token an incomplete link, echoing none of it', async () => {
    const forged = 'A'.repeat(named.token.length);
    for (const path of ['/r/', '/r/short', `/r/${'A'.repeat(23)}`, `/r/${forged}`, `/r/${named.token.slice(0, -4)}`, `/r/${named.token}/more`, '/r/%3Cscript%3Ealert(1)%3C%2Fscript%3E', `/r/${named.token.slice(0, 21)}!`]) {
      const p = await expectNotice(await page(path), 'This link is incomplete');
      expect(p.html, path).not.toMatch(/<script|alert/);
    }
  });

  it('is rate-limited with the API reads, as a page with Retry-After', async () => {
    const ip = freshIp();
    // the limiter counts in wall-clock minutes: the burst must not straddle a boundary
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await new Promise((r) => setTimeout(r, left + 50));
    const answers = await Promise.all(Array.from({ length: 301 }, () => page('/r/short', { ip })));
    expect(answers.filter((r) => r.status === 404)).toHaveLength(300);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await parse(refused)).body).toContain('Try again in 60 seconds');
    // the same budget as the API's reads
    expect((await api(`/results/${named.token}`, { ip })).status).toBe(429);
  });
});
