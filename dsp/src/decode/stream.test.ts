import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AudioDecodeError, decodeAudio, openStream, SNIFF_BYTES, type PcmBlock } from './index';

const dir = new URL('../../../test/fixtures/audio/', import.meta.url).pathname;
const files = readdirSync(dir);

/** Decodes `bytes` fed in pieces of `size` bytes, as an upload arrives. */
async function streamed(bytes: Uint8Array, size: number): Promise<{ rate: number; samples: Float32Array }> {
  const head = bytes.subarray(0, Math.max(size, SNIFF_BYTES));
  const stream = await openStream(head);
  const blocks: PcmBlock[] = [];
  const keep = (b: PcmBlock | null) => b && blocks.push(b);
  keep(await stream.push(head));
  for (let o = head.length; o < bytes.length; o += size) keep(await stream.push(bytes.subarray(o, o + size)));
  keep(await stream.flush());
  stream.free();
  const n = blocks.reduce((s, b) => s + b.channels[0].length, 0);
  const samples = new Float32Array(n);
  let o = 0;
  for (const b of blocks) {
    samples.set(b.channels[0], o);
    o += b.channels[0].length;
  }
  return { rate: blocks[0].sampleRate, samples };
}

describe('streaming decode', () => {
  it('has a fixture of every supported format', () => {
    const ext = new Set(files.map((f) => f.split('.').pop()));
    for (const e of ['wav', 'mp3', 'ogg', 'opus', 'flac', 'webm']) expect(ext).toContain(e);
  });

  for (const file of files) {
    it(`gives the same audio in 1000-byte pieces as in one piece: ${file}`, async () => {
      const bytes = new Uint8Array(readFileSync(dir + file));
      const whole = await decodeAudio(bytes);
      const pieces = await streamed(bytes, 1000);
      expect(pieces.rate).toBe(whole.sampleRate);
      expect(pieces.samples.length).toBe(whole.channels[0].length);
      expect(whole.channels[0].length / whole.sampleRate).toBeGreaterThan(7);
      let maxDiff = 0;
      for (let i = 0; i < pieces.samples.length; i += 7) maxDiff = Math.max(maxDiff, Math.abs(pieces.samples[i] - whole.channels[0][i]));
      expect(maxDiff).toBeLessThan(1e-6);
    });
  }

  it('names a file that lies about its type by what its bytes are', async () => {
    const text = new TextEncoder().encode('ID3-looking? no: {"json": true}'.padEnd(600, ' '));
    const err = await openStream(text.subarray(3)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AudioDecodeError);
    expect((err as AudioDecodeError).code).toBe('unsupported');
  });

  it('refuses a WAV header that never reaches its data chunk', async () => {
    const stream = await openStream(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVEfmt '));
    await stream.push(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVEfmt '));
    await expect(stream.flush()).rejects.toThrow(/truncated/);
  });
});
