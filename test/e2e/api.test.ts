// End to end: the real engine in Node fingerprints audio files, a real `wrangler dev`
// (local D1 shards, KV) ingests them through POST /tracks and identifies clips.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentifyResponse, IngestResponse, TrackList } from '../../common/api-types';
import { encodeHashes } from '../../common/wire';
import { FP_VERSION, fingerprint, presets, type HashBatch } from '../../dsp/src/index';
import { decodeAudio, encodeWav } from '../../dsp/src/decode/index';
import { loadEngineModule } from '../../dsp/src/node';
import { addNoise, speedChange, synthSong } from '../../dsp/testing/index';
import { type DevServer, startDev } from './wrangler-dev';

const RATE = 22050;
const TOKEN = 'e2e-admin-token-0123456789abcdef';
const SONGS = [301, 302, 303, 304, 305];
let dev: DevServer;
let module: WebAssembly.Module;
const audio = new Map<number, Float32Array>();
const ids = new Map<number, number>();

/** Records of the hypotheses kept: the as-heard ones always. */
function only(b: HashBatch, hyps: number[]): HashBatch {
  const keep = [...b.hyp.keys()].filter((i) => hyps.includes(b.hyp[i]));
  return { hash: Uint32Array.from(keep, (i) => b.hash[i]), t: Int32Array.from(keep, (i) => b.t[i]), hyp: Uint8Array.from(keep, (i) => b.hyp[i]) };
}

async function query(samples: Float32Array, hyps = [0], session?: string): Promise<IdentifyResponse> {
  const { hashes } = await fingerprint(module, samples, { sampleRate: RATE, preset: 'query' });
  const res = await fetch(`${dev.url}/api/v1/identify${session ? `?session=${session}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: encodeHashes(only(hashes, hyps), FP_VERSION) as BodyInit,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as IdentifyResponse;
}

/** What `earshot ingest` does with a file: decode, fingerprint (index preset), POST. */
async function ingestFile(bytes: Uint8Array, meta: { title: string; external_id: string }): Promise<{ status: number; json: IngestResponse }> {
  const decoded = await decodeAudio(bytes);
  const { hashes } = await fingerprint(module, decoded.channels[0], { sampleRate: decoded.sampleRate, preset: 'index' });
  const res = await fetch(`${dev.url}/api/v1/tracks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      ...meta,
      artist: 'E2E',
      duration_s: decoded.channels[0].length / decoded.sampleRate,
      content_sha1: createHash('sha1').update(bytes).digest('hex'),
      fp_version: FP_VERSION,
      hashes: { hash: [...hashes.hash], t: [...hashes.t] },
    }),
  });
  return { status: res.status, json: (await res.json()) as IngestResponse };
}

const clip = (x: Float32Array, fromS: number, seconds: number) => x.slice(fromS * RATE, (fromS + seconds) * RATE);

beforeAll(async () => {
  [dev, module] = await Promise.all([startDev({ ADMIN_TOKEN: TOKEN }), loadEngineModule()]);
  for (const seed of SONGS) {
    const samples = synthSong(seed, 45, RATE);
    audio.set(seed, samples);
    const { status, json } = await ingestFile(encodeWav({ sampleRate: RATE, channels: [samples] }), { title: `Song ${seed}`, external_id: `e2e-${seed}` });
    expect(status).toBe(201);
    if (json.status !== 'created') throw new Error(json.status);
    ids.set(seed, json.track.id);
  }
}, 180_000);

afterAll(() => dev?.stop());

describe('the API under wrangler dev, with the real engine', () => {
  it('lists what was ingested', async () => {
    const list = (await (await fetch(`${dev.url}/api/v1/tracks?q=Song`)).json()) as TrackList;
    expect(list.total).toBe(SONGS.length);
  });

  it('identifies 6 s clips and where they start', async () => {
    for (const [seed, from] of [[302, 11], [305, 30]]) {
      const a = await query(clip(audio.get(seed)!, from, 6));
      expect(a.status).toBe('match');
      expect(a.matches[0].track.id).toBe(ids.get(seed));
      expect(a.matches[0].offset_s).toBeCloseTo(from, 0);
      expect(a.degraded).toBe(false);
    }
  });

  it('identifies a clip in noise, and one played 3 % fast from its speed hypothesis', async () => {
    const noisy = await query(addNoise(clip(audio.get(303)!, 8, 6), 5));
    expect(noisy.matches[0]?.track.id).toBe(ids.get(303));
    const fast = presets.query.hypotheses.findIndex(([ts]) => ts === 1.03);
    const sped = await query(speedChange(clip(audio.get(304)!, 10, 8 * 1.03), 1.03), [0, fast]);
    expect(sped.status).toBe('match');
    expect(sped.matches[0].track.id).toBe(ids.get(304));
    expect(sped.matches[0].speed).toBeCloseTo(1.03, 2);
  });

  it('says no_match for a song it does not hold, need_more early in a session', async () => {
    const stranger = synthSong(999, 20, RATE);
    expect((await query(clip(stranger, 5, 8))).status).toBe('no_match');
    expect((await query(clip(stranger, 5, 3), [0], 'e2e-session-1')).status).toBe('need_more');
  });

  it("reads each answer of a progressive session back from its token", async () => {
    const song = audio.get(301)!;
    const first = await query(clip(song, 20, 1), [0], 'e2e-session-2');
    const last = await query(clip(song, 20, 5), [0], 'e2e-session-2');
    expect(last.status).toBe('match');
    for (const answer of [first, last]) expect(await (await fetch(`${dev.url}/api/v1/results/${answer.token}`)).json()).toEqual(answer);
    expect(last.matches[0].track.id).toBe(ids.get(301));
  });

  it('reports the same audio in another file as a duplicate instead of indexing it', async () => {
    const song = audio.get(302)!;
    // the same recording, written again with a little dither: other bytes, same music
    const other = encodeWav({ sampleRate: RATE, channels: [addNoise(song, 50)] });
    const { status, json } = await ingestFile(other, { title: 'Song 302 (copy)', external_id: 'e2e-302-copy' });
    expect(status).toBe(200);
    if (json.status !== 'duplicate') throw new Error(json.status);
    expect(json.duplicate_of.track.id).toBe(ids.get(302));
    expect(['identical', 'same_recording']).toContain(json.duplicate_of.class);
  });
});
