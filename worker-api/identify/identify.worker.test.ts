import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeHashes } from '../../common/wire';
import type { IdentifyResponse, IngestResponse } from '../../common/api-types';
import { defaultMatchOptions, EXTRA_FLAG, FP_VERSION, HASH_MAX, inFirstShare, presets, VARIANT_FLAG } from '../../dsp/src/index';
import { LOOK_MAX } from '../../common/limits';
import { resultTtlS } from '../results';
import { resultKey } from '../results/key';
import { sealAnswer, TOKEN_PATTERN } from '../results/token';
import { ADMIN, api, freshIp, postJson, syntheticHashes, track } from '../test/fixtures';

type Err = { error: { code: string; message: string } };
const ids: number[] = [];

/** `seconds` of track `seed` from `startFrame`, re-timed to start at 0, plus chance records. */
function clip(seed: number, startFrame: number, seconds: number, hyp = 0) {
  const full = syntheticHashes(seed, 60);
  const hash: number[] = [];
  const t: number[] = [];
  full.t.forEach((ft, i) => {
    if (ft >= startFrame && ft < startFrame + seconds * 62.5) {
      hash.push(full.hash[i]);
      t.push(ft - startFrame);
    }
  });
  const noise = syntheticHashes(7000 + seed, seconds);
  const all = { hash: [...hash, ...noise.hash], t: [...t, ...noise.t], hyp: [...hash.map(() => hyp), ...noise.hash.map(() => 0)] };
  return { hash: Uint32Array.from(all.hash), t: Int32Array.from(all.t), hyp: Uint8Array.from(all.hyp) };
}

function identify(body: BodyInit, type: string, qs = '', ip = freshIp()): Promise<Response> {
  return api(`/identify${qs}`, { method: 'POST', headers: { 'content-type': type }, body, ip });
}
const binary = (b: ReturnType<typeof clip>, v = FP_VERSION) => identify(encodeHashes(b, v), 'application/octet-stream');

beforeAll(async () => {
  for (let seed = 1; seed <= 12; seed++) {
    const res = await postJson('/tracks', track(seed), ADMIN);
    ids.push(((await res.json()) as IngestResponse & { track: { id: number } }).track.id);
  }
});

describe('POST /identify', () => {
  it('names the track and where the clip starts, from the binary body', async () => {
    const res = await binary(clip(5, 1000, 5));
    expect(res.status).toBe(200);
    expect(res.headers.get('server-timing')).toMatch(/^input;dur=[\d.]+, match;dur=[\d.]+;desc="1 passes, \d+ hashes, \d+ postings, \d+ read", total;dur=/);
    const a = (await res.json()) as IdentifyResponse;
    expect(a.status).toBe('match');
    expect(a.matches[0].track).toMatchObject({ id: ids[4], title: 'Song 5', isrc: 'ZZESH0000005', external_id: 'ext-5', year: null });
    expect(a.matches[0].offset_s).toBeCloseTo(1000 * 0.016, 1);
    expect(a.matches[0].speed).toBe(1);
    expect(a.matches[0].confidence).toBeGreaterThan(0.995);
    expect(a).toMatchObject({ fp_version: FP_VERSION, degraded: false, source: 'local' });
    expect(a.token).toMatch(new RegExp(TOKEN_PATTERN));
  });

  it('accepts the same query as JSON, a fuzz variant\'s flag and all', async () => {
    const b = clip(7, 300, 4);
    b.hyp[0] |= VARIANT_FLAG;
    const res = await identify(JSON.stringify({ fp_version: FP_VERSION, hashes: { hash: [...b.hash], t: [...b.t], hyp: [...b.hyp] } }), 'application/json');
    const a = (await res.json()) as IdentifyResponse;
    expect(a.status).toBe('match');
    expect(a.matches[0].track.id).toBe(ids[6]);
  });

  it("answers from the extra peaks' pairs when the kept ones do not, as JSON and binary", async () => {
    const b = clip(8, 200, 4);
    // three kept records cannot answer (minScore); the rest are extra peaks' pairs
    for (let i = 3; i < b.hyp.length; i++) b.hyp[i] |= EXTRA_FLAG;
    const json = identify(JSON.stringify({ fp_version: FP_VERSION, hashes: { hash: [...b.hash], t: [...b.t], hyp: [...b.hyp] } }), 'application/json');
    for (const res of [await json, await binary(b)]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('server-timing')).toMatch(/desc="2 passes/);
      const a = (await res.json()) as IdentifyResponse;
      expect(a.status).toBe('match');
      expect(a.matches[0].track.id).toBe(ids[7]);
    }
  });

  it('reports the speed of a sped-up clip from the hypothesis that matched', async () => {
    const hyp = presets.query.hypotheses.findIndex(([ts]) => ts === 1.03);
    const a = (await (await binary(clip(9, 500, 5, hyp))).json()) as IdentifyResponse;
    expect(a.status).toBe('match');
    expect(a.matches[0].track.id).toBe(ids[8]);
    expect(a.matches[0].speed).toBeCloseTo(1.03, 3);
  });

  it('says no_match for audio that is not indexed, and need_more inside a short session', async () => {
    const unknown = clip(999, 0, 5);
    const a = (await (await binary(unknown)).json()) as IdentifyResponse;
    expect(a.status).toBe('no_match');
    const s = (await (await identify(encodeHashes(unknown, FP_VERSION), 'application/octet-stream', '?session=abcdef12')).json()) as IdentifyResponse;
    expect(s.status).toBe('need_more');
    const long = clip(998, 0, 15);
    const l = (await (await identify(encodeHashes(long, FP_VERSION), 'application/octet-stream', '?session=abcdef12')).json()) as IdentifyResponse;
    expect(l.status).toBe('no_match');
  });

  it('corrects the confidence of later looks in a session for the earlier ones', async () => {
    // a thinned clip: confident, but not certain to the last digit
    const c = clip(3, 400, 2);
    const keep = [...c.hash.keys()].filter((i) => i % 4 === 0);
    const thin = { hash: Uint32Array.from(keep, (i) => c.hash[i]), t: Int32Array.from(keep, (i) => c.t[i]), hyp: Uint8Array.from(keep, (i) => c.hyp[i]) };
    const body = encodeHashes(thin, FP_VERSION);
    const at = async (look: number) => ((await (await identify(body, 'application/octet-stream', `?session=looks-test-1&look=${look}`)).json()) as IdentifyResponse).matches[0];
    const first = await at(1);
    const tenth = await at(10);
    expect(tenth.track.id).toBe(first.track.id);
    // Bonferroni over the looks: the chance that one of ten reached the score
    expect(first.confidence).toBeLessThan(1);
    expect((1 - tenth.confidence) / (1 - first.confidence)).toBeCloseTo(10, 3);
  });

  it("gives each of a session's answers a token of its own, which reads back as that answer", async () => {
    const qs = '?session=session-token-test';
    const early = (await (await identify(encodeHashes(clip(999, 0, 3), FP_VERSION), 'application/octet-stream', `${qs}&look=1`)).json()) as IdentifyResponse;
    expect(early.status).toBe('need_more');
    const later = (await (await identify(encodeHashes(clip(3, 0, 6), FP_VERSION), 'application/octet-stream', `${qs}&look=2&last=true`)).json()) as IdentifyResponse;
    expect(later.status).toBe('match');
    expect(later.token).not.toBe(early.token);
    for (const a of [early, later]) expect(await (await api(`/results/${a.token}`)).json()).toEqual(a);
  });

  it('stores nothing per answer: the token is the answer', async () => {
    const answer = (await (await binary(clip(5, 100, 5))).json()) as IdentifyResponse;
    expect(answer.status).toBe('match');
    // what a write in waitUntil would have put there by now
    await new Promise((r) => setTimeout(r, 100));
    expect((await env.RESULTS.list({ prefix: 'result:' })).keys).toEqual([]);
    expect(await (await api(`/results/${answer.token}`)).json()).toEqual(answer);
  });

  it('answers a retry with the same Idempotency-Key from the first answer, without matching again', async () => {
    const send = (b: ReturnType<typeof clip>, key: string) =>
      api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'idempotency-key': key }, body: encodeHashes(b, FP_VERSION), ip: freshIp() });
    const first = await send(clip(4, 200, 5), 'offline-rec-0001');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const answer = (await first.json()) as IdentifyResponse;
    expect(answer.status).toBe('match');
    const retry = await send(clip(4, 200, 5), 'offline-rec-0001');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(answer);
    const other = (await (await send(clip(999, 0, 5), 'offline-rec-0002')).json()) as IdentifyResponse;
    expect(other.status).toBe('no_match');
    expect(other.token).not.toBe(answer.token);
    const bad = await send(clip(4, 200, 5), 'bad key!');
    expect(bad.status).toBe(422);
  });

  it('reads a gzip body (Content-Encoding) like the plain one, its limit counted after decoding', async () => {
    const gzip = async (bytes: Uint8Array) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    const send = (body: Uint8Array, encoding: string) =>
      api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'content-encoding': encoding }, body, ip: freshIp() });
    const plain = encodeHashes(clip(6, 300, 5), FP_VERSION);
    const packed = await gzip(plain);
    expect(packed.length).toBeLessThan(plain.length);
    const answer = (await (await send(packed, 'gzip')).json()) as IdentifyResponse;
    expect(answer.status).toBe('match');
    expect(answer.matches[0].track.id).toBe(ids[5]);
    // a small body that expands past 256 KB, a broken one, an encoding we do not read
    const bomb = await gzip(new Uint8Array(4 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(256 * 1024);
    const cases: [Response, number, string][] = [
      [await send(bomb, 'gzip'), 413, 'body_too_large'],
      [await send(packed.subarray(0, packed.length - 9), 'gzip'), 400, 'malformed_body'],
      [await send(packed, 'br'), 415, 'unsupported_content_encoding'],
    ];
    for (const [res, status, code] of cases) {
      const json = (await res.json()) as Err;
      expect({ status: res.status, code: json.error?.code }).toEqual({ status, code });
    }
    // a proxy may decode the body and keep the header: a body without the gzip magic is read as is
    expect(((await (await send(plain, 'gzip')).json()) as IdentifyResponse).matches[0].track.id).toBe(ids[5]);
  });

  it('looks a clip up by half its records\' own cells first, leaving the rest and their flagged fuzz variants unread', async () => {
    const own = clip(5, 1000, 10);
    // long enough for two looks
    expect(own.hash.length).toBeGreaterThanOrEqual(defaultMatchOptions.firstLookFrom);
    // each record followed by a neighbour cell of its time gap, as the engine's fuzz emits it
    const pairs = (flag: number) => ({
      hash: Uint32Array.from([...own.hash].flatMap((h) => [h, h ^ 1])),
      t: Int32Array.from([...own.t].flatMap((t) => [t, t])),
      hyp: Uint8Array.from([...own.hyp].flatMap((y) => [y, y | flag])),
    });
    const looked = async (b: ReturnType<typeof clip>) => {
      const res = await binary(b);
      const a = (await res.json()) as IdentifyResponse;
      expect([a.status, a.matches[0]?.track.id]).toEqual(['match', ids[4]]);
      return Number(/(\d+) hashes/.exec(res.headers.get('server-timing')!)![1]);
    };
    const flagged = await looked(pairs(VARIANT_FLAG));
    const distinct = [...new Set(own.hash)];
    expect(flagged).toBe(distinct.filter((h) => inFirstShare(h, defaultMatchOptions.firstShare)).length);
    expect(flagged).toBeLessThan(0.7 * distinct.length);
    expect(await looked(pairs(0))).toBeGreaterThan(1.5 * distinct.length);
  });

  it('refuses bad bodies with the right status', async () => {
    const good = encodeHashes(clip(1, 0, 3), FP_VERSION);
    const cases: [Promise<Response>, number, string][] = [
      [binary(clip(1, 0, 3), FP_VERSION + 1), 422, 'fp_version_unsupported'],
      [identify(good.subarray(0, good.length - 1), 'application/octet-stream'), 400, 'malformed_body'],
      [identify(new TextEncoder().encode('XXXX0000000000000'), 'application/octet-stream'), 400, 'malformed_body'],
      [identify(good, 'audio/wav'), 415, 'unsupported_media_type'],
      [identify(good, ''), 415, 'unsupported_media_type'],
      [identify(new Uint8Array(256 * 1024 + 1), 'application/octet-stream'), 413, 'body_too_large'],
      [identify(`{"fp_version":${FP_VERSION},"hashes":{"hash":[1],"t":[0],"hyp":[${presets.query.hypotheses.length}]}}`, 'application/json'), 422, 'invalid_field'],
      [identify(`{"fp_version":${FP_VERSION},"hashes":{"hash":[1,2],"t":[0],"hyp":[0]}}`, 'application/json'), 422, 'invalid_field'],
      [identify(`{"fp_version":${FP_VERSION}}`, 'application/json'), 422, 'invalid_field'],
      [identify('not json', 'application/json'), 400, 'malformed_body'],
      [identify(good, 'application/octet-stream', '?session=a b'), 422, 'invalid_field'],
      [identify(good, 'application/octet-stream', '?session=abcdef12&look=0'), 422, 'invalid_field'],
      [identify(good, 'application/octet-stream', `?session=abcdef12&look=${LOOK_MAX + 1}`), 422, 'invalid_field'],
      [identify(good, 'application/octet-stream', '?session=abcdef12&look=2.5'), 422, 'invalid_field'],
    ];
    const badHyp = clip(1, 0, 3);
    badHyp.hyp[0] = 40;
    cases.push([binary(badHyp), 422, 'invalid_field']);
    const badVariant = clip(1, 0, 3);
    badVariant.hyp[1] = VARIANT_FLAG | presets.query.hypotheses.length;
    cases.push([binary(badVariant), 422, 'invalid_field']);
    const badHash = clip(1, 0, 3);
    badHash.hash[2] = HASH_MAX + 1;
    cases.push([binary(badHash), 422, 'invalid_field']);
    for (const [pending, status, code] of cases) {
      const res = await pending;
      const json = (await res.json()) as Err;
      expect({ status: res.status, code: json.error?.code }).toEqual({ status, code });
    }
  });
});

describe('GET /results/:token', () => {
  it('returns the answer; a token not sealed here, altered or expired is 404, a malformed one 422', async () => {
    const a = (await (await binary(clip(2, 0, 5))).json()) as IdentifyResponse;
    const res = await api(`/results/${a.token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(a);
    // a character in the middle: the last one may carry only padding bits
    const altered = `${a.token.slice(0, 10)}${a.token[10] === 'A' ? 'B' : 'A'}${a.token.slice(11)}`;
    for (const token of ['A'.repeat(a.token.length), altered]) expect((await api(`/results/${token}`)).status).toBe(404);
    const old = await sealAnswer(await resultKey(env.CATALOG), { status: 'match', degraded: false, fp_version: FP_VERSION, ms: 1, matches: [], issued: Math.floor(Date.now() / 1000) - resultTtlS(env) });
    expect((await api(`/results/${old}`)).status).toBe(404);
    expect((await api('/results/short')).status).toBe(422);
  });

  it("is 404 once the song it named has left the catalog, and names without a deleted candidate", async () => {
    const id = ((await (await postJson('/tracks', track(61), ADMIN)).json()) as IngestResponse & { track: { id: number } }).track.id;
    const a = (await (await binary(clip(61, 0, 5))).json()) as IdentifyResponse;
    expect(a.matches[0].track.id).toBe(id);
    const key = await resultKey(env.CATALOG);
    const issued = Math.floor(Date.now() / 1000);
    const candidates = { status: 'no_match' as const, degraded: false, fp_version: FP_VERSION, ms: 1, issued, matches: [{ id: ids[0], confidence: 0.5, offset_s: 1, speed: 1 }, { id, confidence: 0.4, offset_s: 2, speed: 1 }] };
    const unnamed = await sealAnswer(key, candidates);
    expect(((await (await api(`/results/${unnamed}`)).json()) as IdentifyResponse).matches.map((m) => m.track.id)).toEqual([ids[0], id]);
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect((await api(`/results/${a.token}`)).status).toBe(404);
    expect(((await (await api(`/results/${unnamed}`)).json()) as IdentifyResponse).matches.map((m) => m.track.id)).toEqual([ids[0]]);
  });
});
