import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { IdentifyResponse, IngestChunkResponse, TrackList } from '../../common/api-types';
import { encodeHashes } from '../../common/wire';
import { FP_VERSION } from '../../dsp/src/index';
import { api, postJson, rowsOf, syntheticHashes, track } from '../test/fixtures';

type Err = { error: { code: string; message: string } };
const full = syntheticHashes(77, 180);
const body = (index: number, count = 3) => {
  const size = Math.ceil(full.hash.length / count);
  return track(77, { duration_s: 180, hashes: { hash: full.hash.slice(index * size, (index + 1) * size), t: full.t.slice(index * size, (index + 1) * size) }, chunk: { index, count } });
};
const send = async (index: number, count = 3) => {
  const res = await postJson('/tracks', body(index, count));
  return { status: res.status, json: (await res.json()) as IngestChunkResponse & Err };
};
const visible = async () => ((await (await api('/tracks?external_id=ext-77')).json()) as TrackList).total;
const allRows = async () => (await rowsOf(env.INDEX_0)).length + (await rowsOf(env.INDEX_1)).length;

describe('chunked ingest', () => {
  it('stores chunks in order, invisible until the last, and retries are free', async () => {
    const first = await send(0);
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ status: 'partial', chunks_done: 1, chunk_count: 3 });
    expect(await visible()).toBe(0);

    const early = await send(2);
    expect(early.status).toBe(409);
    expect(early.json.error).toMatchObject({ code: 'chunk_out_of_order', message: 'send chunk 1 next' });

    expect((await send(1)).json).toMatchObject({ status: 'partial', chunks_done: 2 });
    const rows = await allRows();
    expect((await send(1)).json).toMatchObject({ status: 'partial', chunks_done: 2 });
    expect(await allRows()).toBe(rows);
    expect((await send(1, 4)).status).toBe(409);

    const last = await send(2);
    expect(last.status).toBe(201);
    if (last.json.status !== 'created') throw new Error(last.json.status);
    expect(last.json.track.hash_count).toBe(full.hash.length);
    expect(await allRows()).toBe(full.hash.length);
    expect(await visible()).toBe(1);
    expect((await send(0)).json.status).toBe('exists');
  });

  it('identifies audio from the last chunk', async () => {
    const from = full.t.length - 400;
    const clip = { hash: Uint32Array.from(full.hash.slice(from, from + 150)), t: Int32Array.from(full.t.slice(from, from + 150).map((t) => t - full.t[from])), hyp: new Uint8Array(150) };
    const res = await api('/identify', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: encodeHashes(clip, FP_VERSION) });
    const a = (await res.json()) as IdentifyResponse;
    expect(a.status).toBe('match');
    expect(a.matches[0].track.external_id).toBe('ext-77');
  });

  it('refuses a chunk index beyond its count, and a first chunk that is not chunk 0', async () => {
    expect((await postJson('/tracks', track(78, { chunk: { index: 3, count: 3 } }))).status).toBe(422);
    const res = await postJson('/tracks', track(79, { chunk: { index: 1, count: 2 } }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as Err).error.message).toBe('send chunk 0 next');
  });
});
