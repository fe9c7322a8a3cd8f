import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from '../dsp/src/decode/index';
import { contentSha1 } from '../dsp/src/index';
import { synthSong } from '../dsp/testing/index';
import { fingerprintFile } from './fingerprint';
import { testPool } from './workers/test-pool';

const { dir, pool } = testPool('fp');

const RATE = 22050;
const wav = encodeWav({ sampleRate: RATE, channels: [synthSong(7, 6, RATE)] });
const file = (name: string, bytes: Uint8Array | string) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};

describe('fingerprintFile in the worker pool', () => {
  it('gives hashes, the SHA-1 of the decoded audio and its duration for a good file', async () => {
    const r = await fingerprintFile(pool, file('good.wav', wav), 'index');
    if (!r.ok) throw new Error(r.reason);
    // streamed while decoding, the same as the hash of the audio decoded whole (the demo seed's)
    expect(r.pcm.sha1).toBe(await contentSha1(decodeWav(wav)));
    expect(r.pcm.sha1).not.toBe(createHash('sha1').update(wav).digest('hex'));
    expect(r.quality.durationS).toBeCloseTo(6, 1);
    expect(r.hash.length).toBeGreaterThan(50);
    expect(r.tags).toEqual({});
  });

  it('names the reason for zero-length, non-audio and truncated files', async () => {
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['empty.wav', new Uint8Array(0), /^empty: /],
      ['text.mp3', 'just some words, no audio here', /^unsupported: .*not a recognised audio file/],
      ['index-missing.m4a', Buffer.from('\0\0\0\x18ftypM4A \0\0\0\0'), /^corrupt: ffmpeg could not decode this MP4\/AAC file/],
      ['header-only.wav', wav.subarray(0, 30), /^corrupt: .*truncated/],
      ['a-blink.wav', wav.subarray(0, 44 + 2 * RATE * 0.2), /^too_short: /],
      ['silence.wav', encodeWav({ sampleRate: RATE, channels: [new Float32Array(RATE * 3)] }), /^silent: /],
    ];
    for (const [name, bytes, reason] of cases) {
      const r = await fingerprintFile(pool, file(name, bytes), 'index');
      expect(r.ok ? 'ok' : r.reason, name).toMatch(reason);
    }
    const missing = await fingerprintFile(pool, join(dir, 'gone.wav'), 'index');
    expect(missing.ok ? 'ok' : missing.reason).toMatch(/ENOENT/);
  });

  it('fingerprints a file whose tag is damaged, without its tags', async () => {
    // an ID3v2 tag whose one frame claims 4 GB and an unknown text encoding
    const damaged = Buffer.concat([Buffer.from('ID3\x03\0\0\0\0\0\x10TIT2\xff\xff\xff\xff\0\0\x09\xff'), Buffer.alloc(5)]);
    const mp3 = readFileSync(new URL('../test/fixtures/audio/Night Market.mp3', import.meta.url));
    const r = await fingerprintFile(pool, file('damaged-tag.mp3', Buffer.concat([damaged, mp3])), 'index');
    if (!r.ok) throw new Error(r.reason);
    expect(r.tags).toEqual({});
    expect(r.hash.length).toBeGreaterThan(50);
  });

  it('fingerprints what a file cut mid-audio still holds', async () => {
    const r = await fingerprintFile(pool, file('cut.wav', wav.subarray(0, wav.length / 2)), 'index');
    if (!r.ok) throw new Error(r.reason);
    expect(r.quality.durationS).toBeCloseTo(3, 1);
  });
});
