// `bench accuracy` end to end on a corpus of synthetic songs: the tool every engine figure
// comes from must answer as the engine does, with and without its options (session 36 found
// it crashing whenever --match-config was left out).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeWav } from '../../dsp/src/decode/index';
import { synthSong } from '../../dsp/testing/index';
import { UsageError } from '../../cli/usage';
import { benchAccuracy } from './accuracy';

const RATE = 22050;
const SECONDS = 30;
const dir = mkdtempSync(join(tmpdir(), 'earshot-accuracy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const wav = (path: string, x: Float32Array) => writeFileSync(join(dir, path), encodeWav({ sampleRate: RATE, channels: [x] }));
mkdirSync(join(dir, 'corpus'));
mkdirSync(join(dir, 'queries'));
const songs = Array.from({ length: 5 }, (_, i) => synthSong(200 + i, SECONDS, RATE));
// the last song is not indexed: its clip is a negative
const manifest = songs.slice(0, 4).map((_, i) => ({ id: `song${i}`, path: `corpus/song${i}.wav`, duration_s: SECONDS }));
manifest.forEach((t, i) => wav(t.path, songs[i]));
const clips = [
  { qid: 'q1', song: 1, at: 7 },
  { qid: 'q3', song: 3, at: 15 },
  { qid: 'q4', song: 4, at: 10 },
].map(({ qid, song, at }) => {
  const path = `queries/${qid}.wav`;
  wav(path, songs[song].slice(at * RATE, (at + 5) * RATE));
  return { qid, path, track: song < 4 ? `song${song}` : null, offset_s: song < 4 ? at : null, duration_s: 5, condition: 'clean' };
});
writeFileSync(join(dir, 'corpus/manifest.json'), JSON.stringify(manifest));
writeFileSync(join(dir, 'queries/queries.json'), JSON.stringify(clips));

async function run(...extra: string[]): Promise<Record<string, { top: string | null; at_s: number | null }>> {
  const out = join(dir, `answers-${extra.length}.jsonl`);
  const code = await benchAccuracy(['--manifest', join(dir, 'corpus/manifest.json'), '--queries', join(dir, 'queries/queries.json'), '--out', out, '--jobs', '1', ...extra]);
  expect(code).toBe(0);
  const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return Object.fromEntries(lines.map((a) => [a.qid, a]));
}

describe('bench accuracy', () => {
  // its tables are for a person at a terminal
  beforeAll(() => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  it('names each indexed clip where it starts and answers none for the song it does not hold', async () => {
    const a = await run();
    expect(a.q1.top).toBe('song1');
    expect(a.q1.at_s).toBeCloseTo(7, 0);
    expect(a.q3.top).toBe('song3');
    expect(a.q4.top).toBeNull();
  }, 120_000);

  it('takes the matcher options and a grown catalog', async () => {
    const a = await run('--match-config', '{"verify":{"tracks":1}}', '--catalog', '400', '--filler', 'uniform');
    expect(a.q1.top).toBe('song1');
    expect(a.q4.top).toBeNull();
  }, 120_000);

  it('refuses options that are not what they say', async () => {
    await expect(run('--match-config', '[1]')).rejects.toThrow(UsageError);
    await expect(run('--catalog', '-5')).rejects.toThrow(/--catalog/);
    await expect(run('--filler', 'jazz')).rejects.toThrow(/--filler/);
  });
});
