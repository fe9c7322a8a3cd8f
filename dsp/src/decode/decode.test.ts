import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AudioDecodeError, decodeAudio, encodeWav, sniff } from './index';
import { synthSong } from '../../testing/synth';

describe('decoding', () => {
  it('round-trips 16-bit WAV', async () => {
    const song = synthSong(1, 1, 22050);
    const wav = encodeWav({ sampleRate: 22050, channels: [song, song] });
    const back = await decodeAudio(wav);
    expect(back.format).toBe('wav');
    expect(back.sampleRate).toBe(22050);
    expect(back.channels).toHaveLength(2);
    expect(back.channels[0].length).toBe(song.length);
    for (let i = 0; i < song.length; i += 101) expect(back.channels[1][i]).toBeCloseTo(song[i], 3);
  });

  it('decodes a WAV whose data chunk is cut short', async () => {
    const wav = encodeWav({ sampleRate: 8000, channels: [synthSong(2, 1, 8000)] });
    const back = await decodeAudio(wav.subarray(0, 44 + 1001));
    expect(back.channels[0].length).toBe(500);
  });

  it('refuses empty, non-audio and unsupported files with a clear error', async () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [new Uint8Array(0), 'empty', /empty/],
      [new TextEncoder().encode('<html>not audio</html>'), 'unsupported', /not a recognised audio file/],
      [new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x41, 0x20]), 'unsupported', /MP4\/AAC/],
      [new Uint8Array([0xff, 0xf1, 0x50, 0x80, 0, 0, 0]), 'unsupported', /AAC/],
      [new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVEjunk'), 'corrupt', /fmt/],
      [new TextEncoder().encode('OggS garbage that is not a real page at all'), 'unsupported', /Ogg/],
    ];
    for (const [bytes, code, message] of cases) {
      const err = await decodeAudio(bytes).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AudioDecodeError);
      expect((err as AudioDecodeError).code).toBe(code);
      expect((err as Error).message).toMatch(message);
    }
  });

  it('reports a truncated compressed file as corrupt, not a crash', async () => {
    const fake = new Uint8Array(4096);
    fake.set(new TextEncoder().encode('fLaC'));
    const err = await decodeAudio(fake).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AudioDecodeError);
  });

  it("says a damaged file is damaged in its own words, never the decoder's", async () => {
    const ogg = new Uint8Array(readFileSync(new URL('../../../test/fixtures/audio/Copper Lines.ogg', import.meta.url)));
    for (const [from, to] of [[100, 400], [200, 3000]]) {
      const damaged = ogg.slice();
      for (let i = from; i < to; i++) damaged[i] = (i * 31) & 0xff;
      const err = (await decodeAudio(damaged).catch((e: unknown) => e)) as AudioDecodeError;
      expect(err).toBeInstanceOf(AudioDecodeError);
      expect(err.code).toBe('corrupt');
      expect(err.message).toMatch(/^no audio could be decoded from this ogg-vorbis file( \(its data is damaged\))?$/);
    }
  });

  it('sniffs formats from bytes, not names', () => {
    expect(sniff(new TextEncoder().encode('ID3\u0004'))).toEqual({ format: 'mp3' });
    expect(sniff(new TextEncoder().encode('fLaC'))).toEqual({ format: 'flac' });
    expect(sniff(new TextEncoder().encode('FORM\0\0\0\0AIFC'))).toEqual({ format: 'aiff' });
    expect(sniff(new TextEncoder().encode('\0\0\0\x20ftypM4A '))).toEqual({ unsupported: 'MP4/AAC', ffmpeg: 'mp4' });
    expect(sniff(Uint8Array.from([0xff, 0xf1, 0x50, 0x80]))).toEqual({ unsupported: 'AAC (ADTS)', ffmpeg: 'aac' });
    expect(sniff(new TextEncoder().encode('ADIF'))).toEqual({ unsupported: 'AAC (ADIF)' });
  });
});
