// End to end: the `earshot` command as a user runs it (a child process, plain output)
// against a real `wrangler dev`. The CLI talks to the server through a TCP relay on a
// fixed port, so the server can be killed and restarted (on another port, same local
// state) while the CLI keeps one API address, as a catalog owner's would.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../cli/api/client';
import { uploadTrack } from '../../cli/ingest/upload';
import type { TrackList, TrackRecord } from '../../common/api-types';
import { encodeWav } from '../../dsp/src/decode/index';
import { ENVELOPE_VERSION, fingerprint } from '../../dsp/src/index';
import { loadEngineModule } from '../../dsp/src/node';
import { addNoise, synthSong } from '../../dsp/testing/index';
import { type DevServer, startDev } from './wrangler-dev';

const RATE = 22050;
const TOKEN = 'e2e-cli-token-0123456789abcdef';
const SONGS = Array.from({ length: 14 }, (_, i) => 401 + i);
const cli = new URL('../../cli/earshot.mjs', import.meta.url).pathname;

let dev: DevServer;
let relay: Server;
let api: string;
let upstream = 0;
const sockets = new Set<Socket>();
const work = mkdtempSync(join(tmpdir(), 'earshot-cli-e2e-'));
const state = join(work, 'd1');
const library = join(work, 'library');

interface Run {
  code: number;
  out: string;
  err: string;
}

function earshot(args: string[], onErr?: (text: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: work, env: { ...process.env, EARSHOT_TOKEN: TOKEN } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      onErr?.(err, () => child.kill());
    });
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

async function restart(): Promise<void> {
  dev = await startDev({ ADMIN_TOKEN: TOKEN }, state);
  upstream = Number(new URL(dev.url).port);
}

function kill(): void {
  dev.stop();
  for (const s of sockets) s.destroy();
}

const catalog = async () => (await (await fetch(`${api}/api/v1/tracks?limit=100`)).json()) as TrackList;

beforeAll(async () => {
  mkdirSync(library);
  for (const seed of SONGS) {
    writeFileSync(join(library, `song-${seed}.wav`), encodeWav({ sampleRate: RATE, channels: [synthSong(seed, 20, RATE)] }));
  }
  // the same music with other bytes: reported as a duplicate, not indexed
  writeFileSync(join(library, 'song-410-copy.wav'), encodeWav({ sampleRate: RATE, channels: [addNoise(synthSong(410, 20, RATE), 50)] }));
  writeFileSync(join(library, 'empty.wav'), new Uint8Array(0));
  writeFileSync(join(library, 'readme.mp3'), 'not audio at all');
  writeFileSync(
    join(work, 'catalog.csv'),
    `path,external_id,title,artist\nlibrary/song-401.wav,ext-401,"Song, the first",Earshot Band\n`,
  );
  relay = createServer((client) => {
    const server = createConnection(upstream, '127.0.0.1');
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => (client.destroy(), server.destroy()));
    }
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  api = `http://127.0.0.1:${(relay.address() as { port: number }).port}`;
  await restart();
}, 120_000);

afterAll(() => {
  dev?.stop();
  relay?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('earshot against wrangler dev', () => {
  it('refuses a wrong token with exit code 2 before reading any file', async () => {
    const r = await earshot(['index', library, '--api', api, '--token', 'not-the-token-0123456789']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/refused the admin token/);
    expect((await catalog()).total).toBe(0);
  });

  it('stops cleanly when the server dies mid-ingest, and resumes without storing anything twice', async () => {
    const args = ['index', library, '--manifest', join(work, 'catalog.csv'), '--api', api, '--jobs', '1', '--retries', '2'];
    let killed = false;
    const first = await earshot(args, (err) => {
      if (!killed && /^indexed/m.test(err)) {
        killed = true;
        kill();
      }
    });
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/stopped, the API is unavailable/);
    expect(first.err).toMatch(/Run the same command again to resume/);
    const log = readFileSync(join(work, '.earshot-index-state.jsonl'), 'utf8').trim().split('\n');
    const doneBefore = log.length;
    expect(doneBefore).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(SONGS.length + 3);

    await restart();
    const second = await earshot(args);
    const failed = second.err.split('\n').filter((l) => l.startsWith('failed'));
    // a request cut by the kill can leave its track 'ingesting' on the server for a while:
    // that file is reported busy, never stored twice
    for (const line of failed) expect(line).toMatch(/busy/);
    expect(second.out).toMatch(new RegExp(`done in earlier runs ${doneBefore}\\b`));
    expect(second.out).toMatch(/skipped 0/);
    expect(first.err + second.err).toMatch(/^duplicate +\S+song-410(-copy)?\.wav of track \d+ \(identical/m);
    const list = await catalog();
    expect(list.total).toBe(SONGS.length - failed.length);
    expect(new Set(list.tracks.map((t) => t.content_sha1)).size).toBe(list.total);
    const first401 = list.tracks.find((t) => t.external_id === 'ext-401');
    if (!failed.some((l) => l.includes('song-401'))) expect(first401).toMatchObject({ title: 'Song, the first', artist: 'Earshot Band' });

    const third = await earshot(args);
    expect(third.out).toMatch(/indexed 0, already in the catalog 0, duplicates 0/);
    expect((await catalog()).total).toBe(list.total);
  }, 120_000);

  it('reports unusable files with their reasons', async () => {
    const r = await earshot(['index', join(library, 'empty.wav'), join(library, 'readme.mp3'), '--api', api, '--state', join(work, 'other-state.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/skipped 2/);
    expect(r.out).toMatch(/empty\.wav: empty/);
    expect(r.out).toMatch(/readme\.mp3: unsupported/);
  });

  it('identifies a noisy clip, and says no_match for a stranger', async () => {
    const song = synthSong(405, 20, RATE).slice(6 * RATE, 12 * RATE);
    writeFileSync(join(work, 'clip.wav'), encodeWav({ sampleRate: RATE, channels: [addNoise(song, 5)] }));
    writeFileSync(join(work, 'stranger.wav'), encodeWav({ sampleRate: RATE, channels: [synthSong(999, 8, RATE)] }));
    const r = await earshot(['identify', join(work, 'clip.wav'), join(work, 'stranger.wav'), '--api', api, '--json']);
    expect(r.code).toBe(0);
    const [clip, stranger] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(clip.status).toBe('match');
    expect(clip.matches[0].title).toBe('song-405');
    expect(clip.matches[0].offset_s).toBeCloseTo(6, 0);
    expect(stranger.status).toBe('no_match');
  });

  it('exits 1 when a file cannot be identified, as its help says', async () => {
    writeFileSync(join(work, 'broken.wav'), 'RIFF but not audio at all');
    const r = await earshot(['identify', join(work, 'broken.wav'), '--api', api, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out.trim())).toMatchObject({ status: 'skipped' });
  });

  it('listens to a stretch of a file (--start/--duration) and dates every track of a mix (--timeline)', async () => {
    // a mix as a DJ set or a radio recording has it: 5 s of something unknown, then three
    // catalog tracks back to back, the last one cut short
    const [a, b, c] = (await catalog()).tracks.map((t) => t.title).filter((t) => /^song-\d+$/.test(t)).slice(0, 3);
    const seed = (title: string) => Number(title.slice(5));
    const parts = [synthSong(998, 5, RATE), synthSong(seed(a), 20, RATE), synthSong(seed(b), 20, RATE), synthSong(seed(c), 20, RATE).slice(0, 14 * RATE)];
    const mix = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((o, p) => (mix.set(p, o), o + p.length), 0);
    writeFileSync(join(work, 'mix.wav'), encodeWav({ sampleRate: RATE, channels: [addNoise(mix, 15)] }));

    const stretch = await earshot(['identify', join(work, 'mix.wav'), '--start', '27', '--duration', '6', '--api', api, '--json']);
    expect(stretch.code).toBe(0);
    const heard = JSON.parse(stretch.out);
    expect(heard.matches[0].title).toBe(b);
    expect(heard.matches[0].offset_s).toBeCloseTo(2, 0);

    const r = await earshot(['identify', '--timeline', join(work, 'mix.wav'), '--api', api, '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out);
    expect(t.segments.map((s: { title: string }) => s.title)).toEqual([a, b, c]);
    const [sa, sb, sc] = t.segments;
    for (const [s, start] of [[sa, 5], [sb, 25], [sc, 45]] as const) expect(Math.abs(s.start_s - start)).toBeLessThan(0.3);
    expect(Math.abs(sa.end_s - 25)).toBeLessThan(0.3);
    expect(Math.abs(sb.end_s - 45)).toBeLessThan(0.3);
    expect(sc.end_s).toBeLessThanOrEqual(59.1);

    const text = await earshot(['identify', '--timeline', join(work, 'mix.wav'), '--hop', '8', '--api', api]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/0:00\.0 – +0:0[45]\.\d  nothing identified/);
    expect(text.out).toContain(`"${b}"`);
  }, 60_000);

  it('exports the catalog and imports it into an emptied one with identical identify answers', async () => {
    const query = ['identify', join(work, 'clip.wav'), join(work, 'stranger.wav'), '--api', api, '--json'];
    const answers = async () => (await earshot(query)).out.trim().split('\n').map((l) => ({ ...JSON.parse(l), ms: 0 }));
    const before = await answers();
    const envelopes = async () => {
      const { tracks } = await catalog();
      const read = async (id: number) => (await (await fetch(`${api}/api/v1/tracks/${id}/hashes`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { envelope: unknown };
      return Promise.all(tracks.map(async (t) => [t.content_sha1, (await read(t.id)).envelope]));
    };
    const envelopesBefore = await envelopes();
    expect(envelopesBefore.every(([, e]) => e !== null), 'every track ingested by the CLI has its band envelope').toBe(true);
    const file = join(work, 'catalog.ndjson');
    const exported = await earshot(['export', file, '--api', api]);
    expect(exported.code, exported.err).toBe(0);
    const { tracks, total } = await catalog();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(total + 2);

    for (const t of tracks) {
      const res = await fetch(`${api}/api/v1/tracks/${t.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
    }
    expect((await catalog()).total).toBe(0);
    const imported = await earshot(['import', file, '--api', api]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(new RegExp(`created ${total}, exists 0`));
    const after = await catalog();
    const fields = (l: TrackList) => l.tracks.map(({ id: _, created_at: __, ...rest }) => rest);
    expect(fields(after)).toEqual(fields({ tracks, total, limit: 100, offset: 0 }));
    expect(await answers()).toEqual(before);
    expect(await envelopes()).toEqual(envelopesBefore);
    expect((await earshot(['import', file, '--api', api])).out).toMatch(new RegExp(`created 0, exists ${total}`));

    // an export made by a build of another envelope version: its tracks come in on their hashes
    const [header, line] = readFileSync(file, 'utf8').split('\n');
    const older = JSON.parse(line);
    older.envelope.version = ENVELOPE_VERSION - 1;
    const stale = join(work, 'stale.ndjson');
    writeFileSync(stale, `${header}\n${JSON.stringify(older)}\n${JSON.stringify({ end: true, tracks: 1 })}\n`);
    const gone = after.tracks.find((t) => t.content_sha1 === older.content_sha1)!;
    expect((await fetch(`${api}/api/v1/tracks/${gone.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const r = await earshot(['import', stale, '--api', api]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/created 1, exists 0/);
    expect(r.out).toMatch(new RegExp(`1 tracks came with a band envelope of another version \\(this engine's is ${ENVELOPE_VERSION}\\)`));
    expect((await envelopes()).find(([sha]) => sha === older.content_sha1)?.[1]).toBeNull();
  }, 90_000);

  it('uploads a track too long for one request in chunks, and knows it afterwards', async () => {
    const { hashes } = await fingerprint(await loadEngineModule(), synthSong(777, 20, RATE), { sampleRate: RATE, preset: 'index' });
    const client = new ApiClient(api, { token: TOKEN, retries: 2 });
    const audio = { sha1: '7'.repeat(40), seconds: 20, hash: hashes.hash, t: hashes.t };
    const fields = { title: 'Chunked', artist: null, album: null, isrc: null, external_id: 'chunked-777' };
    expect(hashes.hash.length).toBeGreaterThan(400);
    const r = await uploadTrack(client, fields, audio, false, 200);
    if (r.outcome !== 'created') throw new Error(JSON.stringify(r));
    const track = (await (await fetch(`${api}/api/v1/tracks/${r.track}`)).json()) as TrackRecord;
    expect(track.hash_count).toBe(new Set([...hashes.hash].map((h, i) => `${h}:${hashes.t[i]}`)).size);
    expect(await uploadTrack(client, fields, audio, false, 200)).toEqual({ outcome: 'exists', track: r.track });
  });

  it('prints the catalog stats', async () => {
    const r = await earshot(['stats', '--api', api]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/tracks\s+\d+/);
    expect(r.out).toMatch(/identify\s+\d+ queries/);
  });
});
