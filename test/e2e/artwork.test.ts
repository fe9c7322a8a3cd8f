// Cover art end to end through a real `wrangler dev` (the Worker as wrangler bundles it, R2
// and D1 local): `earshot index` reads each file's year and front cover and uploads them,
// a picture the API refuses is reported without failing its file, a later run gives a
// track that lost its picture the file's again; the demo seeding sets every demo song's.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackList } from '../../common/api-types';
import { ARTWORK_SIZES, artworkPath } from '../../common/artwork';
import { encodeWav } from '../../dsp/src/decode/index';
import { synthSong } from '../../dsp/testing/index';
import { DEMO_TRACKS } from '../../scripts/demo/songs';
import { readHeader } from '../../worker-api/artwork/sniff';
import { type DevServer, startDev } from './wrangler-dev';

const TOKEN = 'e2e-artwork-token-0123456789abcdef';
const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'earshot-artwork-e2e-'));
const library = join(work, 'library');
let dev: DevServer;

function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: work, env: { ...process.env, EARSHOT_TOKEN: TOKEN, ADMIN_TOKEN: TOKEN } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const earshot = (...args: string[]) => run([join(root, 'cli/earshot.mjs'), ...args, '--api', dev.url]);

/** An MP3 of song `seed` with a title, a date and, when given, an attached picture. */
function taggedMp3(name: string, seed: number, date: string, picture?: string): void {
  const wav = join(work, `${name}.wav`);
  writeFileSync(wav, encodeWav({ sampleRate: 22050, channels: [synthSong(seed, 12, 22050)] }));
  const cover = picture ? ['-i', picture, '-map', '0', '-map', '1', '-c:v', 'copy', '-metadata:s:v', 'comment=Cover (front)'] : [];
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', wav, ...cover, '-c:a', 'libmp3lame', '-id3v2_version', '3', '-metadata', `title=${name}`, '-metadata', `date=${date}`, join(library, `${name}.mp3`)]);
}

function picture(name: string, source: string): string {
  const out = join(work, name);
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-frames:v', '1', out]);
  return out;
}

const byTitle = async () => {
  const list = (await (await fetch(`${dev.url}/api/v1/tracks?limit=100`)).json()) as TrackList;
  return new Map(list.tracks.map((t) => [t.title, t]));
};

beforeAll(async () => {
  mkdirSync(library);
  taggedMp3('With Cover', 501, '1994-03-02', picture('cover.jpg', 'testsrc2=size=500x500'));
  taggedMp3('Tiny Cover', 502, '2008', picture('tiny.png', 'color=c=red:size=8x8'));
  taggedMp3('No Cover', 503, '0000');
  dev = await startDev({ ADMIN_TOKEN: TOKEN }, undefined, mkdtempSync(join(tmpdir(), 'earshot-assets-')));
}, 180_000);

afterAll(async () => {
  await dev?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('earshot index with embedded covers', () => {
  it('uploads the front cover and the year; a refused picture is reported and its track still indexed', async () => {
    const r = await earshot('index', library, '--state', join(work, 'state-1.jsonl'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/indexed 3, .*; covers uploaded 1, refused 1/);
    expect(r.err).toMatch(/no cover +\S*Tiny Cover\.mp3: 422 invalid_image: the picture is 8 × 8/);
    const tracks = await byTitle();
    expect([...tracks.values()].map((t) => [t.title, t.year, t.artwork !== null]).sort()).toEqual([
      ['No Cover', null, false],
      ['Tiny Cover', 2008, false],
      ['With Cover', 1994, true],
    ]);
    const covered = tracks.get('With Cover')!;
    for (const size of ARTWORK_SIZES) {
      const res = await fetch(dev.url + artworkPath(covered.id, size));
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(readHeader(new Uint8Array(await res.arrayBuffer()))).toEqual({ type: 'image/jpeg', width: size, height: size });
    }
    const placeholder = await fetch(dev.url + artworkPath(tracks.get('No Cover')!.id, 96));
    expect(await placeholder.text()).toContain('>NC</text>');
  });

  it('gives a track that has no picture the file\'s cover on a later run, and keeps one it has', async () => {
    const { id } = (await byTitle()).get('With Cover')!;
    const removed = await fetch(`${dev.url}/api/v1/tracks/${id}/artwork`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(removed.status).toBe(200);
    const r = await earshot('index', library, '--state', join(work, 'state-2.jsonl'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/already in the catalog 3, .*; covers uploaded 1, refused 1/);
    expect((await byTitle()).get('With Cover')!.artwork).not.toBeNull();
    const again = await earshot('index', library, '--state', join(work, 'state-3.jsonl'));
    expect(again.out).toMatch(/covers uploaded 0, refused 1/);
  });
});

describe('the demo catalog', () => {
  it('seeds every demo song with its year and a cover picture, through the same endpoints', async () => {
    const r = await run([join(root, 'scripts/seed-demo.mjs'), '--url', dev.url]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.match(/cover set/g)?.length).toBe(DEMO_TRACKS.length);
    const tracks = await byTitle();
    for (const t of DEMO_TRACKS) {
      const got = tracks.get(t.title)!;
      expect(got.year).toBe(t.year);
      expect(got.artwork).toMatch(/^[0-9a-f]{32}$/);
      const res = await fetch(dev.url + artworkPath(got.id, 600));
      expect(readHeader(new Uint8Array(await res.arrayBuffer()))).toEqual({ type: 'image/jpeg', width: 600, height: 600 });
    }
    const second = await run([join(root, 'scripts/seed-demo.mjs'), '--url', dev.url]);
    expect(second.out.match(/cover unchanged/g)?.length).toBe(DEMO_TRACKS.length);
  });
});
