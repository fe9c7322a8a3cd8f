import { describe, expect, it } from 'vitest';
import { MultipartReader } from './multipart';

const enc = new TextEncoder();

/** A reader over `body`, delivered in pieces of `size` bytes (Infinity: all at once). */
function reader(body: string, size = Infinity): MultipartReader {
  const bytes = enc.encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += Math.min(size, bytes.length)) c.enqueue(bytes.slice(i, i + size));
      c.close();
    },
  });
  return new MultipartReader(stream.getReader(), 'XyZ', 1 << 20);
}

const part = (head: string) => `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.wav"${head}\r\n\r\nRIFF\r\n--XyZ--\r\n`;

describe('MultipartReader limits', () => {
  for (const size of [Infinity, 1000, 7]) {
    it(`refuses a preamble over 4 KB and a part header over 8 KB, however the body arrives (pieces of ${size})`, async () => {
      await expect(reader('p'.repeat(5 * 1024) + '\r\n' + part(''), size).next()).rejects.toThrow(/no multipart boundary within the first 4 KB/);
      await expect(reader(part(`\r\nX-Pad: ${'h'.repeat(9 * 1024)}`), size).next()).rejects.toThrow(/part header is longer than 8 KB/);
      const ok = reader('p'.repeat(1000) + '\r\n' + part(`\r\nX-Pad: ${'h'.repeat(1000)}`), size);
      expect(await ok.next()).toMatchObject({ name: 'file', filename: 'a.wav' });
      expect(await ok.text(10)).toBe('RIFF');
      expect(await ok.next()).toBeNull();
    });
  }
});
