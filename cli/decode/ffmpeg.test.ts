import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../dsp/src/decode/index';
import { synthSong } from '../../dsp/testing/index';
import { fingerprintFile } from '../fingerprint';
import { FingerprintPool } from '../workers/pool';
import { testPool } from '../workers/test-pool';
import { ffmpegWav, NO_FFMPEG } from './ffmpeg';

const { dir, pool } = testPool('ffmpeg');

const RATE = 44100;
const SECONDS = 8;
const song = synthSong(11, SECONDS, RATE).map((x) => x * 0.7);
const source = join(dir, 'source.wav');
writeFileSync(source, encodeWav({ sampleRate: RATE, channels: [song, synthSong(12, SECONDS, RATE).map((x) => x * 0.5)] }));

/** The source encoded by ffmpeg with `args`. */
function encode(name: string, ...args: string[]): string {
  const out = join(dir, name);
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', source, ...args, out]);
  return out;
}

/** The ffmpeg processes this test process started that are still running (Linux /proc). */
function runningFfmpegs(): string[] {
  return readdirSync('/proc').filter((pid) => {
    try {
      const [, name, state, parent] = /^\d+ \((.*)\) (\S) (\d+)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))!;
      return name === 'ffmpeg' && state !== 'Z' && Number(parent) === process.pid;
    } catch {
      return false; // not a process, or gone meanwhile
    }
  });
}

describe('MP4 and AAC through ffmpeg', () => {
  it('fingerprints AAC and ALAC in M4A and raw ADTS AAC, with their own format and length', async () => {
    const wav = await fingerprintFile(pool, source, 'index');
    if (!wav.ok) throw new Error(wav.reason);
    // AAC ends on a whole frame (1024 samples, 23 ms); ADTS, with no edit list to drop the
    // encoder's priming either, is 1504 samples longer here
    const files: [string, string[], string, number][] = [
      ['aac.m4a', ['-c:a', 'aac', '-b:a', '128k'], 'mp4', 0.025],
      ['alac.m4a', ['-c:a', 'alac'], 'mp4', 0.001],
      ['adts.aac', ['-c:a', 'aac', '-b:a', '128k'], 'aac', 0.05],
    ];
    for (const [name, args, format, slack] of files) {
      const r = await fingerprintFile(pool, encode(name, ...args, '-metadata', `title=${name}`), 'index');
      if (!r.ok) throw new Error(`${name}: ${r.reason}`);
      expect(r.format, name).toBe(format);
      expect(r.tags, name).toEqual(format === 'mp4' ? { title: name } : {}); // ADTS has no tags
      expect(r.pcm.sampleRate, name).toBe(RATE);
      expect(r.pcm.channels, name).toBe(2);
      expect(Math.abs(r.pcm.durationS - SECONDS), name).toBeLessThan(slack);
      expect(r.hash.length, name).toBeGreaterThan(wav.hash.length * 0.8);
      if (name === 'alac.m4a') expect(r.pcm.sha1, 'lossless: the same samples as the WAV').toBe(wav.pcm.sha1);
    }
  });

  it('says a damaged M4A is damaged in its own words, keeping what ffmpeg said as the cause', async () => {
    const m4a = readFileSync(encode('whole.m4a', '-c:a', 'aac'));
    const cut = join(dir, 'cut.m4a');
    writeFileSync(cut, m4a.subarray(0, 4000));
    const r = await fingerprintFile(pool, cut, 'index');
    expect(r.ok ? 'ok' : r.reason).toBe('corrupt: ffmpeg could not decode this MP4/AAC file: it is damaged or holds no audio track');
    const err = await (async () => {
      for await (const _ of ffmpegWav(cut, 'MP4/AAC'));
    })().catch((e: unknown) => e as Error);
    expect(String(err?.cause)).toMatch(/moov atom not found/);
  });

  it('refuses a video file without sound as holding no audio track', async () => {
    const video = join(dir, 'silent-film.mp4');
    execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=size=32x32:duration=1', '-c:v', 'mpeg4', video]);
    const r = await fingerprintFile(pool, video, 'index');
    expect(r.ok ? 'ok' : r.reason).toMatch(/^corrupt: .*holds no audio track$/);
  });

  it('says in one line what to do when ffmpeg is not on PATH', async () => {
    const m4a = encode('no-ffmpeg.m4a', '-c:a', 'aac');
    const path = process.env.PATH;
    process.env.PATH = dir; // workers take a copy of the environment when they start
    const blind = new FingerprintPool(1);
    process.env.PATH = path;
    try {
      const r = await blind.run(m4a, 'index');
      expect(r).toMatchObject({ ok: false, code: 'unsupported', error: `unsupported format: MP4/AAC — ${NO_FFMPEG}` });
    } finally {
      await blind.close();
    }
  });

  it('stops ffmpeg when the reader stops early', async () => {
    const wavs = ffmpegWav(encode('long.m4a', '-c:a', 'aac'), 'MP4/AAC');
    const first = await wavs.next();
    expect(new TextDecoder().decode((first.value as Uint8Array).subarray(0, 4))).toBe('RIFF');
    // 2.8 MB of samples do not fit a pipe: ffmpeg waits for the reader
    expect(runningFfmpegs()).toHaveLength(1);
    await wavs.return(undefined);
    for (let i = 0; i < 100 && runningFfmpegs().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(runningFfmpegs()).toEqual([]);
  });
});
