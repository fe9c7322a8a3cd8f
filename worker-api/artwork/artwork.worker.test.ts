import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { ARTWORK_SIZES, artworkPath, type ArtworkUpload, initials, placeholderColour } from '../../common/artwork';
import type { IngestResponse, TrackRecord } from '../../common/api-types';
import { ARTWORK_MAX_BYTES } from '../../common/limits';
import { ADMIN, api, postJson, track } from '../test/fixtures';
import { decode } from './codec';
import { readHeader } from './sniff';

const picture = (name: string) => Uint8Array.from(atob(inject('imageFixtures')[name]), (c) => c.charCodeAt(0));

async function newTrack(seed: number, title = `Song ${seed}`): Promise<number> {
  const json = (await (await postJson('/tracks', track(seed, { title }))).json()) as IngestResponse;
  if (json.status !== 'created') throw new Error(json.status);
  return json.track.id;
}

const put = (id: number, bytes: Uint8Array, type: string, headers: Record<string, string> = ADMIN) =>
  api(`/tracks/${id}/artwork`, { method: 'PUT', headers: { 'content-type': type, ...headers }, body: bytes });

const get = (id: number, size: number, headers: Record<string, string> = {}) => api(artworkPath(id, size as 96).slice('/api/v1'.length), { headers });

/** Every object in the bucket, and the catalog's artwork columns. */
async function storage(): Promise<{ keys: string[]; rows: unknown[] }> {
  const keys = (await env.ARTWORK.list()).objects.map((o) => o.key).sort();
  const rows = (await env.CATALOG.prepare('SELECT id, artwork_hash, artwork_type FROM tracks ORDER BY id').all()).results;
  return { keys, rows };
}

describe('PUT /tracks/:id/artwork, then GET each size', () => {
  it('stores a 1000 px JPEG at every size: square JPEGs of the right edge that decode', async () => {
    const id = await newTrack(201);
    const res = await put(id, picture('cover.jpg'), 'image/jpeg');
    expect(res.status).toBe(201);
    const body = (await res.json()) as ArtworkUpload;
    expect(body).toMatchObject({ status: 'created', track: id, type: 'image/jpeg', width: 1000, height: 1000 });
    expect(body.artwork).toMatch(/^[0-9a-f]{32}$/);
    expect(((await (await api(`/tracks/${id}`)).json()) as TrackRecord).artwork).toBe(body.artwork);
    for (const size of ARTWORK_SIZES) {
      const got = await get(id, size);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/jpeg');
      expect(got.headers.get('cache-control')).toMatch(/max-age=\d+/);
      expect(got.headers.get('etag')).toBe(`"${body.artwork}-${size}"`);
      const bytes = new Uint8Array(await got.arrayBuffer());
      expect(readHeader(bytes)).toEqual({ type: 'image/jpeg', width: size, height: size });
      const pixels = await decode(bytes, 'image/jpeg');
      expect([pixels.width, pixels.height]).toEqual([size, size]);
    }
    const keys = (await env.ARTWORK.list({ prefix: `tracks/${id}/` })).objects.map((o) => o.key).sort();
    expect(keys).toEqual([...ARTWORK_SIZES.map((s) => `tracks/${id}/${body.artwork}/${s}.jpg`), `tracks/${id}/${body.artwork}/original`].sort());
  });

  it('takes PNG (transparency laid on white) and WebP, and crops a wide picture to its centre square', async () => {
    const png = await newTrack(202);
    expect((await put(png, picture('cover.png'), 'image/png')).status).toBe(201);
    const clear = await newTrack(203);
    expect((await put(clear, picture('alpha.png'), 'image/png')).status).toBe(201);
    const webp = await newTrack(204);
    expect((await put(webp, picture('cover.webp'), 'image/webp')).status).toBe(201);
    const wide = await newTrack(205);
    expect((await put(wide, picture('wide.jpg'), 'image/jpeg')).status).toBe(201);
    for (const id of [png, webp]) {
      const bytes = new Uint8Array(await (await get(id, 300)).arrayBuffer());
      expect(readHeader(bytes)).toEqual({ type: 'image/jpeg', width: 300, height: 300 });
    }
    const pixelAt = async (id: number, x: number, y: number) => {
      const p = await decode(new Uint8Array(await (await get(id, 96)).arrayBuffer()), 'image/jpeg');
      return [...p.data.subarray((y * 96 + x) * 4, (y * 96 + x) * 4 + 3)];
    };
    // a fully transparent picture: white
    for (const c of await pixelAt(clear, 48, 48)) expect(c).toBeGreaterThan(245);
    // the wide picture's red side bars (200 px of 1200) fall outside the centre 800 px: blue at the edges
    const [r, , b] = await pixelAt(wide, 1, 48);
    expect(b).toBeGreaterThan(150);
    expect(r).toBeLessThan(80);
  });

  it('answers 304 for If-None-Match with the current ETag, 200 again once the picture changes', async () => {
    const id = await newTrack(206);
    await put(id, picture('cover.jpg'), 'image/jpeg');
    const first = await get(id, 96);
    const etag = first.headers.get('etag')!;
    const again = await get(id, 96, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get(id, 96, { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    expect((await get(id, 300, { 'if-none-match': etag })).status).toBe(200);
    await put(id, picture('other.jpg'), 'image/jpeg');
    const changed = await get(id, 96, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('is idempotent by content: the same bytes again answer unchanged and write nothing', async () => {
    const id = await newTrack(207);
    const first = (await (await put(id, picture('cover.png'), 'image/png')).json()) as ArtworkUpload;
    const before = await storage();
    const res = await put(id, picture('cover.png'), 'image/png');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...first, status: 'unchanged' });
    expect(await storage()).toEqual(before);
  });

  it('replaces a picture: the new version only, the old one gone from R2', async () => {
    const id = await newTrack(208);
    const a = (await (await put(id, picture('cover.jpg'), 'image/jpeg')).json()) as ArtworkUpload;
    const b = (await (await put(id, picture('other.jpg'), 'image/jpeg')).json()) as ArtworkUpload;
    expect(b.artwork).not.toBe(a.artwork);
    const keys = (await env.ARTWORK.list({ prefix: `tracks/${id}/` })).objects.map((o) => o.key);
    expect(keys.length).toBe(ARTWORK_SIZES.length + 1);
    expect(keys.every((k) => k.startsWith(`tracks/${id}/${b.artwork}/`))).toBe(true);
  });
});

describe('refused uploads change nothing', () => {
  it('refuses wrong signatures, a lying Content-Type, edges out of bounds, too many bytes, unknown tracks and missing auth', async () => {
    const id = await newTrack(209);
    await put(id, picture('cover.webp'), 'image/webp');
    const before = await storage();
    const truncated = picture('cover.jpg').slice(0, 2000);
    const tooBig = new Uint8Array(ARTWORK_MAX_BYTES + 1);
    tooBig.set(picture('cover.jpg'));
    const cases: [number, Uint8Array, string, Record<string, string>, number, string][] = [
      [id, new TextEncoder().encode('<html>not a picture</html>'), 'image/jpeg', ADMIN, 422, 'invalid_image'],
      [id, picture('cover.png'), 'image/jpeg', ADMIN, 422, 'invalid_image'],
      [id, picture('small.png'), 'image/png', ADMIN, 422, 'invalid_image'],
      [id, picture('long.png'), 'image/png', ADMIN, 422, 'invalid_image'],
      [id, truncated, 'image/jpeg', ADMIN, 422, 'invalid_image'],
      [id, tooBig, 'image/jpeg', ADMIN, 413, 'body_too_large'],
      [id, picture('cover.jpg'), 'image/gif', ADMIN, 415, 'unsupported_media_type'],
      [999999, picture('cover.jpg'), 'image/jpeg', ADMIN, 404, 'not_found'],
      [id, picture('cover.jpg'), 'image/jpeg', {}, 401, 'unauthorized'],
      [id, picture('cover.jpg'), 'image/jpeg', { authorization: 'Bearer wrong-token-0123456789' }, 401, 'unauthorized'],
    ];
    for (const [track, bytes, type, headers, status, code] of cases) {
      const res = await put(track, bytes, type, headers);
      const label = `${type} ${bytes.length} bytes to ${track}`;
      expect(res.status, label).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code, label).toBe(code);
    }
    expect(await storage()).toEqual(before);
  });

  it('names the problem: the real type, the edges allowed', async () => {
    const id = await newTrack(210);
    const lying = (await (await put(id, picture('cover.png'), 'image/jpeg')).json()) as { error: { message: string } };
    expect(lying.error.message).toMatch(/PNG picture, but Content-Type says image\/jpeg/);
    const small = (await (await put(id, picture('small.png'), 'image/png')).json()) as { error: { message: string } };
    expect(small.error.message).toMatch(/64 × 64; each edge must be 96 to 3000 pixels/);
  });
});

describe('GET without a picture, bad sizes, unknown tracks', () => {
  it('draws a placeholder: an SVG of the size with the initials on the title colour', async () => {
    const title = 'Copper & <Lanterns> "live"';
    const id = await newTrack(211, title);
    const res = await get(id, 300);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="300" height="300"/);
    expect(svg).toContain(`>${initials(title)}</text>`);
    expect(initials(title)).toBe('CL');
    expect(svg).toContain(`fill="${placeholderColour(title)}"`);
    expect(svg).toContain('Copper &amp; &lt;Lanterns&gt; &quot;live&quot;');
    expect(svg).not.toContain('<Lanterns>');
    // well-formed: every element closed, in order
    const tags = [...svg.matchAll(/<(\/?)(\w+)[^>]*?(\/?)>/g)].filter((m) => !m[3]);
    const open: string[] = [];
    for (const [, close, name] of tags) {
      if (close) expect(open.pop()).toBe(name);
      else open.push(name);
    }
    expect(open).toEqual([]);
    const etag = res.headers.get('etag')!;
    expect((await get(id, 300, { 'if-none-match': etag })).status).toBe(304);
  });

  it('refuses sizes it does not serve and unknown tracks', async () => {
    const id = await newTrack(212);
    for (const size of ['95', '1200', '0', 'big', '']) {
      const res = await api(`/tracks/${id}/artwork?size=${size}`);
      expect(res.status, size).toBe(422);
    }
    expect((await api(`/tracks/${id}/artwork`)).status).toBe(422);
    expect((await get(999999, 96)).status).toBe(404);
    expect((await api('/tracks/abc/artwork?size=96')).status).toBe(422);
  });
});

describe('DELETE', () => {
  it('removes the picture (GET answers the placeholder), then says there was none', async () => {
    const id = await newTrack(213);
    await put(id, picture('cover.jpg'), 'image/jpeg');
    expect((await api(`/tracks/${id}/artwork`, { method: 'DELETE' })).status).toBe(401);
    const res = await api(`/tracks/${id}/artwork`, { method: 'DELETE', headers: ADMIN });
    expect(await res.json()).toEqual({ track: id, removed: true });
    expect((await env.ARTWORK.list({ prefix: `tracks/${id}/` })).objects).toEqual([]);
    expect((await get(id, 96)).headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(((await (await api(`/tracks/${id}`)).json()) as TrackRecord).artwork).toBeNull();
    expect(await (await api(`/tracks/${id}/artwork`, { method: 'DELETE', headers: ADMIN })).json()).toEqual({ track: id, removed: false });
    expect((await api('/tracks/999999/artwork', { method: 'DELETE', headers: ADMIN })).status).toBe(404);
  });

  it('deleting the track removes its pictures', async () => {
    const id = await newTrack(214);
    await put(id, picture('cover.jpg'), 'image/jpeg');
    // and what an upload that died between R2 and the catalog left
    await env.ARTWORK.put(`tracks/${id}/orphan/96.jpg`, 'x');
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await env.ARTWORK.list({ prefix: `tracks/${id}/` })).objects).toEqual([]);
    expect((await get(id, 96)).status).toBe(404);
  });
});
