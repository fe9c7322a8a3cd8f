import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { IngestResponse, TrackList, TrackRecord } from '../../common/api-types';
import { ADMIN, api, postJson, rowsOf, sha1Of, syntheticHashes, track, variant } from '../test/fixtures';
import { HASH_MAX } from '../../dsp/src/index';

type Err = { error: { code: string; message: string } };

async function ingest(body: unknown, headers = ADMIN): Promise<{ status: number; json: IngestResponse & Err }> {
  const res = await postJson('/tracks', body, headers);
  return { status: res.status, json: (await res.json()) as IngestResponse & Err };
}

async function allRows() {
  return [...(await rowsOf(env.INDEX_0)), ...(await rowsOf(env.INDEX_1))];
}

describe('POST /tracks', () => {
  it('indexes a track over both shards, each hash in shard hash % 2', async () => {
    const body = track(1);
    const { status, json } = await ingest(body);
    expect(status).toBe(201);
    if (json.status !== 'created') throw new Error(json.status);
    expect(json.track).toMatchObject({ title: 'Song 1', isrc: 'ZZESH0000001', external_id: 'ext-1', content_sha1: sha1Of(1), duration_s: 60 });
    expect(json.track.hash_count).toBe(new Set(body.hashes.hash.map((h, i) => `${h}:${body.hashes.t[i]}`)).size);
    expect(json.duplicate_of).toBeNull();
    for (const [s, db] of [env.INDEX_0, env.INDEX_1].entries()) {
      const rows = await rowsOf(db, json.track.id);
      expect(rows.length).toBeGreaterThan(500);
      expect(rows.every((r) => r.hash % 2 === s)).toBe(true);
    }
  });

  it('keeps the release year, null when the upload gives none, and every read returns it', async () => {
    const dated = await ingest(track(91, { year: 1987 }));
    const undated = await ingest(track(92));
    if (dated.json.status !== 'created' || undated.json.status !== 'created') throw new Error('not created');
    expect(dated.json.track.year).toBe(1987);
    expect(undated.json.track.year).toBeNull();
    const id = dated.json.track.id;
    expect(((await (await api(`/tracks/${id}`)).json()) as TrackRecord).year).toBe(1987);
    const listed = (await (await api('/tracks?external_id=ext-91')).json()) as TrackList;
    expect(listed.tracks.map((t) => t.year)).toEqual([1987]);
    const searched = (await (await api('/tracks?q=Song%2091')).json()) as TrackList;
    expect(searched.tracks.find((t) => t.id === id)?.year).toBe(1987);
    expect(dated.json.track.artwork).toBeNull();
  });

  it('is idempotent by content SHA-1: a retry writes nothing', async () => {
    const before = (await allRows()).length;
    const { status, json } = await ingest(track(1));
    expect(status).toBe(200);
    expect(json.status).toBe('exists');
    expect((await allRows()).length).toBe(before);
  });

  it('replaces the same audio indexed in an older fp_version when it is ingested again', async () => {
    const first = await ingest(track(21));
    if (first.json.status !== 'created') throw new Error(first.json.status);
    const old = first.json.track.id;
    // as if indexed before the current format
    await env.CATALOG.prepare('UPDATE tracks SET fp_version = fp_version - 1 WHERE id = ?1').bind(old).run();
    const again = await ingest(track(21));
    expect(again.status).toBe(201);
    if (again.json.status !== 'created') throw new Error(again.json.status);
    expect(again.json.track.id).not.toBe(old);
    expect((await api(`/tracks/${old}`)).status).toBe(404);
    expect([...(await rowsOf(env.INDEX_0, old)), ...(await rowsOf(env.INDEX_1, old))]).toEqual([]);
    expect((await rowsOf(env.INDEX_0, again.json.track.id)).length).toBeGreaterThan(500);
  });

  it('answers duplicate_of with a class from what one alignment covers, instead of indexing the same audio twice', async () => {
    const original = track(1).hashes;
    const firstHalf = { hash: original.hash.slice(0, original.hash.length / 2), t: original.t.slice(0, original.t.length / 2) };
    const cases: [string, { hash: number[]; t: number[] }, number, [number, number]][] = [
      ['identical', original, 1, [1, 1]],
      // half the hashes, all along: another encoding of the same recording
      ['same_recording', variant(original, 0.5, 9), 0.5, [1, 1]],
      // all of an excerpt is in the song, half of the song in the excerpt
      ['related_version', firstHalf, 1, [1, 0.5]],
    ];
    for (const [cls, hashes, share, [covNew, covExisting]] of cases) {
      const before = (await allRows()).length;
      const { status, json } = await ingest(track(500 + share * 100 + covExisting * 10, { hashes, external_id: null }));
      expect(status).toBe(200);
      if (json.status !== 'duplicate') throw new Error(`${cls}: ${json.status}`);
      expect(json.duplicate_of.class).toBe(cls);
      expect(json.duplicate_of.similarity).toBeCloseTo(share, 1);
      expect(json.duplicate_of.coverage.new).toBeCloseTo(covNew, 1);
      expect(json.duplicate_of.coverage.existing).toBeCloseTo(covExisting, 1);
      expect(json.duplicate_of.track.id).toBe(1);
      expect((await allRows()).length).toBe(before);
    }
  });

  it('estimates the similarity of a long track from a sample of its records', async () => {
    const long = track(30, { duration_s: 300, hashes: syntheticHashes(30, 300) });
    expect((await ingest(long)).status).toBe(201);
    const { json } = await ingest(track(31, { duration_s: 300, hashes: variant(long.hashes, 0.85, 5) }));
    if (json.status !== 'duplicate') throw new Error(json.status);
    expect(json.duplicate_of.class).toBe('same_recording');
    expect(Math.abs(json.duplicate_of.similarity - 0.85)).toBeLessThan(0.03);
  });

  it('indexes a duplicate anyway with force, and reports what it resembles', async () => {
    const { status, json } = await ingest(track(2, { hashes: track(1).hashes, force: true }));
    expect(status).toBe(201);
    if (json.status !== 'created') throw new Error(json.status);
    expect(json.duplicate_of?.class).toBe('identical');
    expect((await rowsOf(env.INDEX_0, json.track.id)).length).toBeGreaterThan(0);
  });

  it('indexes different audio with no duplicate_of', async () => {
    // 2 % of the hashes in common is chance, however evenly spread
    const { status, json } = await ingest(track(3, { hashes: variant(track(1).hashes, 0.02, 4) }));
    expect(status).toBe(201);
    expect(json.status === 'created' && json.duplicate_of).toBeNull();
  });

  it('refuses an external id that names other audio', async () => {
    const { status, json } = await ingest(track(4, { external_id: 'ext-1' }));
    expect(status).toBe(409);
    expect(json.error.code).toBe('external_id_taken');
  });

  it('needs the admin token, compared exactly', async () => {
    const before = (await allRows()).length;
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: 'Basic abc' }, { authorization: `${ADMIN.authorization}x` }]) {
      const res = await postJson('/tracks', track(5), headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as Err).error.code).toBe('unauthorized');
    }
    expect((await allRows()).length).toBe(before);
  });

  it('refuses bad bodies with the right status and writes nothing', async () => {
    const before = (await allRows()).length;
    const bad: [unknown, number, string, RegExp][] = [
      [{ ...track(6), title: undefined }, 422, 'invalid_field', /body\.title: is required/],
      [{ ...track(6), content_sha1: 'xyz' }, 422, 'invalid_field', /content_sha1/],
      [{ ...track(6), isrc: 'us-abc-12-34567' }, 422, 'invalid_field', /isrc/],
      [{ ...track(6), hashes: { hash: [HASH_MAX + 1], t: [0] } }, 422, 'invalid_field', new RegExp(`hash\\[0\\]: must be <= ${HASH_MAX}`)],
      [{ ...track(6), hashes: { hash: [1, 2], t: [0] } }, 422, 'invalid_field', /hash has 2 entries but t has 1/],
      [{ ...track(6), hashes: { hash: [], t: [] } }, 422, 'invalid_field', /at least one hash/],
      [{ ...track(6), hashes: { hash: [1.5], t: [0] } }, 422, 'invalid_field', /integer/],
      [{ ...track(6), fp_version: 99 }, 422, 'fp_version_unsupported', /fp_version 99/],
      [{ ...track(6), extra: 1 }, 422, 'invalid_field', /extra: is not a known field/],
      [{ ...track(6), year: 999 }, 422, 'invalid_field', /body\.year: must be >= 1000/],
      [{ ...track(6), year: 2101 }, 422, 'invalid_field', /body\.year: must be <= 2100/],
      [{ ...track(6), year: 1999.5 }, 422, 'invalid_field', /body\.year: must be an integer/],
      [{ ...track(6), year: '1999' }, 422, 'invalid_field', /body\.year/],
      [[1, 2], 422, 'invalid_field', /body: must be an object/],
    ];
    for (const [body, status, code, message] of bad) {
      const { status: got, json } = await ingest(body);
      expect({ got, code: json.error?.code }).toEqual({ got: status, code });
      expect(json.error.message).toMatch(message);
    }
    const raw = await api('/tracks', { method: 'POST', headers: { ...ADMIN, 'content-type': 'application/json' }, body: '{"title": ' });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as Err).error.code).toBe('malformed_body');
    const text = await api('/tracks', { method: 'POST', headers: { ...ADMIN, 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    const huge = await api('/tracks', { method: 'POST', headers: { ...ADMIN, 'content-type': 'application/json' }, body: ' '.repeat(8 * 1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as Err).error.code).toBe('body_too_large');
    expect((await allRows()).length).toBe(before);
  });
});

describe('GET /tracks', () => {
  it('pages and searches by title, artist, ISRC and external id', async () => {
    for (const seed of [10, 11, 12]) expect((await postJson('/tracks', track(seed, { title: seed === 11 ? '100% Pure_Joy' : `Song ${seed}` }))).status).toBe(201);
    const page = (await (await api('/tracks?limit=2&offset=1')).json()) as TrackList;
    expect(page.limit).toBe(2);
    expect(page.offset).toBe(1);
    expect(page.tracks).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(5);
    const search = async (qs: string) => ((await (await api(`/tracks?${qs}`)).json()) as TrackList).tracks.map((t) => t.external_id);
    expect(await search('q=100%25')).toEqual(['ext-11']);
    expect(await search('q=pure_j')).toEqual(['ext-11']);
    // words, not patterns: % and _ are gaps between words like any punctuation
    expect(await search('q=pure%25j')).toEqual(['ext-11']);
    expect(await search('q=pure%25x')).toEqual([]);
    expect(await search('isrc=ZZESH0000012')).toEqual(['ext-12']);
    expect(await search('q=ZZESH0000010')).toEqual(['ext-10']);
    expect(await search('external_id=ext-12')).toEqual(['ext-12']);
  });

  it('searches with every query the schema allows: long, and multi-byte (D1 refuses LIKE patterns over 50 bytes)', async () => {
    const long = 'Long '.repeat(40).trim();
    expect((await postJson('/tracks', track(13, { title: long }))).status).toBe(201);
    const long200 = await api(`/tracks?q=${encodeURIComponent(long)}`);
    expect(long200.status).toBe(200);
    expect(((await long200.json()) as TrackList).tracks.map((t) => t.external_id)).toEqual(['ext-13']);
    const accents = await api(`/tracks?q=${encodeURIComponent('é'.repeat(25))}`);
    expect(accents.status).toBe(200);
    expect(((await accents.json()) as TrackList).tracks).toEqual([]);
    expect(((await (await api('/tracks?q=LONG%20LONG')).json()) as TrackList).tracks.map((t) => t.external_id)).toEqual(['ext-13']);
  });

  it('finds words in any order, as prefixes, without accents, in title, artist or album; search syntax typed is just text', async () => {
    expect((await postJson('/tracks', track(14, { title: 'Déjà Vu (Live)', artist: 'Beyoncé', album: 'Abbey Road Sessions' }))).status).toBe(201);
    const search = async (q: string) => {
      const res = await api(`/tracks?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      return ((await res.json()) as TrackList).tracks.map((t) => t.external_id);
    };
    for (const q of ['deja vu', 'VU DÉJÀ', 'beyonce', 'abb roa', 'live beyoncé', 'déjà-vu']) expect(await search(q), q).toEqual(['ext-14']);
    expect(await search('deja vu remix')).toEqual([]);
    for (const q of ['title:deja', 'deja OR nothing', 'NEAR(deja vu)', '"deja', 'deja*', '^deja', '(', '*', '!!!', 'AND']) await search(q);
    // had they been syntax, a column filter and an OR would have found the track
    expect(await search('title:deja')).toEqual([]);
    expect(await search('deja OR nothing')).toEqual([]);
    expect(await search('deja*')).toEqual(['ext-14']);
    expect(await search('!!!')).toEqual([]);
  });

  it('lists an exact ISRC first, then the best word matches, pages without repeats, and forgets a deleted track', async () => {
    const made: number[] = [];
    for (const [seed, over] of [
      [70, { title: 'Quasar Lullaby', artist: 'Nobody' }],
      [71, { title: 'Something Else', album: 'Quasar Collected Works Volume Two' }],
      [72, { title: 'Quasar', artist: 'Quasar' }],
      [73, { title: 'Other', isrc: 'ZZQSR2600073' }],
    ] as const) {
      const r = await ingest(track(seed, over));
      expect(r.status).toBe(201);
      made.push((r.json as { track: TrackRecord }).track.id);
    }
    const list = async (qs: string) => (await (await api(`/tracks?${qs}`)).json()) as TrackList;
    const all = await list('q=quasar&limit=10');
    expect(all.total).toBe(3);
    expect(all.tracks.map((t) => t.external_id)).toEqual(['ext-72', 'ext-70', 'ext-71']);
    const pages = [...(await list('q=quasar&limit=2')).tracks, ...(await list('q=quasar&limit=2&offset=2')).tracks];
    expect(pages.map((t) => t.external_id)).toEqual(['ext-72', 'ext-70', 'ext-71']);
    expect((await list('q=ZZQSR2600073')).tracks.map((t) => t.external_id)).toEqual(['ext-73']);
    expect((await list('q=quasar&external_id=ext-71')).tracks.map((t) => t.external_id)).toEqual(['ext-71']);
    expect((await api(`/tracks/${made[2]}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await list('q=quasar')).tracks.map((t) => t.external_id)).toEqual(['ext-70', 'ext-71']);
  });

  it('knows only its own fields: __proto__, constructor and toString are no query field', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const res = await api(`/tracks?${name}=1`);
      expect(res.status, name).toBe(422);
      // and in a JSON body (JSON.parse makes "__proto__" an own field; a write must not pass)
      const body = JSON.stringify(track(20)).replace(/^\{/, `{"${name}":1,`);
      const ingest = await api('/tracks', { method: 'POST', headers: { 'content-type': 'application/json', ...ADMIN }, body });
      expect(ingest.status, `${name} in a body`).toBe(422);
    }
    expect(((await (await api('/tracks?external_id=ext-20')).json()) as TrackList).tracks).toEqual([]);
  });

  it('validates the query', async () => {
    for (const qs of ['limit=0', 'limit=101', 'offset=-1', 'limit=ten', 'isrc=nope', 'sort=title']) {
      const res = await api(`/tracks?${qs}`);
      expect(res.status, qs).toBe(422);
    }
  });

  it('reads one track, 404 for unknown ids, 422 for non-ids', async () => {
    const list = (await (await api('/tracks?external_id=ext-10')).json()) as TrackList;
    const id = list.tracks[0].id;
    const one = (await (await api(`/tracks/${id}`)).json()) as TrackRecord;
    expect(one).toEqual(list.tracks[0]);
    expect((await api('/tracks/999999')).status).toBe(404);
    expect((await api('/tracks/abc')).status).toBe(422);
  });
});

describe('DELETE /tracks/:id', () => {
  it('removes the track and its hashes from every shard', async () => {
    const { json } = await ingest(track(20));
    if (json.status !== 'created') throw new Error(json.status);
    const id = json.track.id;
    expect((await api(`/tracks/${id}`, { method: 'DELETE' })).status).toBe(401);
    const res = await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: id });
    expect(await rowsOf(env.INDEX_0, id)).toEqual([]);
    expect(await rowsOf(env.INDEX_1, id)).toEqual([]);
    expect((await api(`/tracks/${id}`)).status).toBe(404);
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(404);
    // the audio can come back after a delete
    expect((await ingest(track(20))).status).toBe(201);
  });
});
