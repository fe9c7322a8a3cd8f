// The band envelope through the API: stored with a track's first chunk, refused whole when
// malformed, removed with the track, and searched over the candidates when the hashes of a
// query name none confidently. Envelopes here are synthetic levels, as the hashes are.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeHashes } from '../../common/wire';
import type { IdentifyResponse } from '../../common/api-types';
import { ENVELOPE, ENVELOPE_BLOCK_S as BLOCK_S, ENVELOPE_VERSION, FP_VERSION, STORED_BLOCK_BYTES } from '../../dsp/src/index';
import { BLOB_CODING, inflated } from '../deflate';
import { base64url as b64 } from '../encoding';
import { ADMIN, api, freshIp, postJson, track } from '../test/fixtures';
import { BLOCKS, heardSteps, levels } from '../../dsp/testing/index';
import { weakHashes, withEnvelope } from '../test/envelopes';

const SEEDS = Array.from({ length: 12 }, (_, i) => 501 + i);
const ids = new Map<number, number>();

beforeAll(async () => {
  for (const seed of SEEDS) {
    const res = await postJson('/tracks', withEnvelope(seed));
    expect(res.status).toBe(201);
    ids.set(seed, ((await res.json()) as { track: { id: number } }).track.id);
  }
});

describe('stored envelopes', () => {
  it('are kept with the track as sent, and go when it goes', async () => {
    const res = await postJson('/tracks', withEnvelope(600));
    const id = ((await res.json()) as { track: { id: number } }).track.id;
    const row = await env.CATALOG.prepare('SELECT version, coding, data FROM track_envelopes WHERE track_id = ?1').bind(id).first<{ version: number; coding: number; data: ArrayBuffer }>();
    expect(row?.version).toBe(ENVELOPE_VERSION);
    expect(row?.coding).toBe(BLOB_CODING.deflateRaw);
    expect([...(await inflated(row!.coding, row!.data))]).toEqual([...levels(600)]);
    // a row written raw before the rows were deflated reads as well
    await env.CATALOG.prepare('UPDATE track_envelopes SET coding = ?2, data = ?3 WHERE track_id = ?1').bind(id, BLOB_CODING.raw, levels(600)).run();
    const exported = (await (await api(`/tracks/${id}/hashes`, { headers: ADMIN })).json()) as { envelope: { data: string } };
    expect(exported.envelope.data).toBe(b64(levels(600)));
    expect((await api(`/tracks/${id}`, { method: 'DELETE', headers: ADMIN })).status).toBe(200);
    expect(await env.CATALOG.prepare('SELECT 1 FROM track_envelopes WHERE track_id = ?1').bind(id).first()).toBeNull();
  });

  it('refuse a malformed envelope with a 422 and index nothing', async () => {
    const bad = [
      { version: ENVELOPE_VERSION + 1, data: b64(levels(601)) },
      { version: ENVELOPE_VERSION, data: b64(levels(601).subarray(1)) },
      { version: ENVELOPE_VERSION, data: 'not base64url!' },
      { version: ENVELOPE_VERSION, data: b64(new Uint8Array((BLOCKS + 10) * STORED_BLOCK_BYTES)) },
    ];
    for (const envelope of bad) {
      const res = await postJson('/tracks', track(601, { envelope }));
      expect(res.status, envelope.data.slice(0, 20)).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_field');
    }
    expect(await env.CATALOG.prepare("SELECT 1 FROM tracks WHERE content_sha1 = ?1").bind(track(601).content_sha1).first()).toBeNull();
  });
});

describe('identify with an envelope', () => {
  const target = SEEDS[4];
  const from = 40;
  const others = SEEDS.filter((s) => s !== target);
  const blockFrames = ENVELOPE.blockSteps * ENVELOPE.stepFrames;
  /** Its hashes heard at block `hashesFrom` (where the envelope puts the clip, unless said); the envelope's steps from step `firstStep` of the clip. */
  const ask = (envelope?: Float32Array, hashesFrom = from, firstStep = 0) =>
    api('/identify', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: encodeHashes(weakHashes(target, hashesFrom * blockFrames, others), FP_VERSION, envelope && { version: ENVELOPE_VERSION, bands: ENVELOPE.bands, steps: envelope, firstStep }),
      ip: freshIp(),
    });

  it('names the track the hashes only propose, where the envelope puts the clip', async () => {
    const hashesOnly = (await (await ask()).json()) as IdentifyResponse;
    expect(hashesOnly.status).toBe('no_match');
    const a = (await (await ask(heardSteps(levels(target), from, 20, 1))).json()) as IdentifyResponse;
    expect(a.status).toBe('match');
    expect(a.evidence).toBe('envelope');
    expect(a.matches[0].track.id).toBe(ids.get(target));
    expect(a.matches[0].confidence).toBeGreaterThan(0.995);
    expect(a.matches[0].offset_s).toBeCloseTo(from * BLOCK_S, 1);
  });

  it('places a capture that sent only its last steps where it began, from the step its envelope says it starts at', async () => {
    const later = 6;
    const a = (await (await ask(heardSteps(levels(target), from + later, 20, 5), from, later * ENVELOPE.blockSteps)).json()) as IdentifyResponse;
    expect(a.status).toBe('match');
    expect(a.evidence).toBe('envelope');
    expect(a.matches[0].track.id).toBe(ids.get(target));
    expect(a.matches[0].offset_s).toBeCloseTo(from * BLOCK_S, 1);
  });

  it("names nothing when the track's peaks are not where its envelope puts the clip (a version, not the recording)", async () => {
    const a = (await (await ask(heardSteps(levels(target), from, 20, 4), from + 100)).json()) as IdentifyResponse;
    expect(a.status).toBe('no_match');
    expect(a.evidence).toBeUndefined();
  });

  it('names nothing when the envelope is of a song the catalog does not hold', async () => {
    const a = (await (await ask(heardSteps(levels(999), from, 20, 2))).json()) as IdentifyResponse;
    expect(a.status).toBe('no_match');
    expect(a.evidence).toBeUndefined();
  });

  it('leaves an envelope of another version unread: the hashes still answer', async () => {
    const body = encodeHashes(weakHashes(target, from * blockFrames, others), FP_VERSION, { version: ENVELOPE_VERSION + 1, bands: ENVELOPE.bands, steps: heardSteps(levels(target), from, 20, 3), firstStep: 0 });
    const res = await api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body, ip: freshIp() });
    expect(res.status).toBe(200);
    expect(((await res.json()) as IdentifyResponse).status).toBe('no_match');
  });
});
