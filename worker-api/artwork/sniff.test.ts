import { describe, expect, it } from 'vitest';
import { readHeader, sniffType } from './sniff';

const bytes = (...parts: (number[] | string)[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const be16 = (n: number) => [n >> 8, n & 255];
const le16 = (n: number) => [n & 255, n >> 8];
const be32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const EOI = [0xff, 0xd9];

describe('readHeader', () => {
  it('reads a JPEG frame header past APP segments and fill bytes, and wants an end-of-image after it', () => {
    const app0 = [0xff, 0xe0, ...be16(16), ...Array(14).fill(0)];
    const sof2 = [0xff, 0xc2, ...be16(17), 8, ...be16(480), ...be16(640), 3, ...Array(9).fill(0)];
    expect(readHeader(bytes([0xff, 0xd8], app0, [0xff], sof2, EOI))).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
    // DHT (C4) shares the SOF range and is no frame
    const dht = [0xff, 0xc4, ...be16(4), 0, 0];
    expect(readHeader(bytes([0xff, 0xd8], dht, sof2, EOI))?.width).toBe(640);
    expect(readHeader(bytes([0xff, 0xd8], app0, sof2))).toBeNull();
    // an EXIF thumbnail's end-of-image before the frame does not count
    expect(readHeader(bytes([0xff, 0xd8], [0xff, 0xe1, ...be16(6)], EOI, [0, 0], sof2))).toBeNull();
    expect(readHeader(bytes([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0], EOI))).toBeNull();
  });

  it('reads PNG IHDR and the three kinds of WebP', () => {
    expect(readHeader(bytes([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', be32(1400), be32(1200), Array(5).fill(0)))).toEqual({ type: 'image/png', width: 1400, height: 1200 });
    const riff = (chunk: string, body: number[]) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body, Array(10).fill(0));
    expect(readHeader(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(300), ...le16(200)]))).toEqual({ type: 'image/webp', width: 300, height: 200 });
    // VP8L: 14 bits width-1, then 14 bits height-1
    const bits = (600 - 1) | ((500 - 1) << 14);
    expect(readHeader(riff('VP8L', [0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, bits >>> 24]))).toEqual({ type: 'image/webp', width: 600, height: 500 });
    expect(readHeader(riff('VP8X', [0, 0, 0, 0, ...[999 & 255, 999 >> 8, 0], ...[799 & 255, 799 >> 8, 0]]))).toEqual({ type: 'image/webp', width: 1000, height: 800 });
  });

  it('knows nothing else, and no zero edge', () => {
    expect(sniffType(bytes('GIF89a'))).toBeNull();
    expect(sniffType(bytes('<svg'))).toBeNull();
    expect(readHeader(new Uint8Array(0))).toBeNull();
    expect(readHeader(bytes([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', be32(0), be32(10), Array(5).fill(0)))).toBeNull();
    expect(readHeader(bytes([0x89], 'PNG\r\n\x1a\n', be32(13), 'IEND'))).toBeNull();
  });
});
