import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AudioDecodeError, decodeAudio, encodeWav, openStream, sniff, type PcmBlock } from './index';
import { synthSong } from '../../testing/synth';

const dir = mkdtempSync(join(tmpdir(), 'earshot-aiff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RATE = 22050;
const left = synthSong(3, 2, RATE).map((x) => x * 0.8);
const right = left.map((x) => -x / 2);
const source = join(dir, 'source.wav');
writeFileSync(source, encodeWav({ sampleRate: RATE, channels: [left, right] }));

/** The source as ffmpeg writes it with `codec`, in an AIFF (or AIFF-C, as ffmpeg picks) file. */
function ffmpegAiff(codec: string): Uint8Array {
  const out = join(dir, `${codec}.aiff`);
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', source, '-c:a', codec, out]);
  return new Uint8Array(readFileSync(out));
}

const enc = new TextEncoder();
const cat = (...parts: (Uint8Array | number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : [...p])));
const be16 = (n: number) => [(n >> 8) & 255, n & 255];
const be32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const chunk = (id: string, body: Uint8Array) => cat(id, be32(body.length), body, body.length & 1 ? [0] : []);

/** An 80-bit extended float, as COMM stores the sample rate. */
function extended(x: number): number[] {
  const e = Math.floor(Math.log2(x));
  const m = x * 2 ** (63 - e);
  const hi = Math.floor(m / 2 ** 32);
  return [...be16(16383 + e), ...be32(hi), ...be32(m - hi * 2 ** 32)];
}

interface Hand {
  samples: Uint8Array;
  channels?: number;
  bits?: number;
  rate?: number;
  /** AIFF-C with this compression type (and name); plain AIFF without. */
  type?: string;
  name?: string;
  frames?: number;
  offset?: number;
  /** SSND's size field; the real size when absent. */
  ssndSize?: number;
  after?: Uint8Array;
  ssndFirst?: boolean;
}

/** An AIFF file built byte by byte, for what ffmpeg never writes. */
function handAiff(h: Hand): Uint8Array {
  const channels = h.channels ?? 1;
  const bits = h.bits ?? 16;
  const frames = h.frames ?? h.samples.length / channels / Math.ceil(bits / 8);
  const name = h.name ?? '';
  const comm = cat(be16(channels), be32(frames), be16(bits), extended(h.rate ?? 8000), h.type ? cat(h.type, [name.length], name) : []);
  const offset = h.offset ?? 0;
  const ssndBody = cat(be32(offset), be32(0), Array(offset).fill(0x55), h.samples);
  const ssnd = cat('SSND', be32(h.ssndSize ?? ssndBody.length), ssndBody, ssndBody.length & 1 ? [0] : []);
  const chunks = h.ssndFirst ? [ssnd, chunk('COMM', comm)] : [chunk('COMM', comm), ssnd];
  const body = cat(h.type ? 'AIFC' : 'AIFF', ...chunks, h.after ?? []);
  return cat('FORM', be32(body.length), body);
}

/** All of `bytes` through a stream decoder, split at each of `cuts`. */
async function streamed(bytes: Uint8Array, cuts: number[]): Promise<PcmBlock> {
  const stream = await openStream(bytes);
  const blocks: PcmBlock[] = [];
  const edges = [0, ...cuts, bytes.length];
  for (let i = 1; i < edges.length; i++) {
    const b = await stream.push(bytes.subarray(edges[i - 1], edges[i]));
    if (b) blocks.push(b);
  }
  const last = await stream.flush();
  if (last) blocks.push(last);
  const n = blocks.reduce((s, b) => s + b.channels[0].length, 0);
  const channels = blocks[0].channels.map(() => new Float32Array(n));
  let o = 0;
  for (const b of blocks) {
    channels.forEach((c, i) => c.set(b.channels[i], o));
    o += b.channels[0].length;
  }
  return { sampleRate: blocks[0].sampleRate, channels };
}

function maxError(got: Float32Array, want: Float32Array): number {
  let e = 0;
  for (let i = 0; i < want.length; i++) e = Math.max(e, Math.abs(got[i] - want[i]));
  return e;
}

describe('AIFF', () => {
  const tolerance: Record<string, number> = {
    pcm_s16be: 1e-4,
    pcm_s24be: 1e-4,
    pcm_s32be: 1e-4,
    pcm_f32be: 1e-4,
    pcm_f64be: 1e-4,
    pcm_s16le: 1e-4,
    pcm_s8: 1 / 64,
    pcm_u8: 1 / 64,
  };
  for (const [codec, tol] of Object.entries(tolerance)) {
    it(`decodes what ffmpeg writes as ${codec}, whole and in 1000-byte pieces`, async () => {
      const bytes = ffmpegAiff(codec);
      expect(sniff(bytes)).toEqual({ format: 'aiff' });
      const whole = await decodeAudio(bytes);
      expect(whole.format).toBe('aiff');
      expect(whole.sampleRate).toBe(RATE);
      expect(whole.channels).toHaveLength(2);
      expect(whole.channels[0].length).toBe(left.length);
      expect(maxError(whole.channels[0], left)).toBeLessThan(tol);
      expect(maxError(whole.channels[1], right)).toBeLessThan(tol);
      const cuts = Array.from({ length: Math.floor(bytes.length / 1000) }, (_, i) => (i + 1) * 1000);
      const pieces = await streamed(bytes, cuts);
      expect(pieces.channels[0]).toEqual(whole.channels[0]);
      expect(pieces.channels[1]).toEqual(whole.channels[1]);
    });
  }

  it('gives the same samples wherever the bytes are split, header included', async () => {
    const samples = Uint8Array.from({ length: 60 }, (_, i) => (i * 37) & 255);
    const bytes = handAiff({ samples, channels: 2, bits: 24, type: 'NONE', name: 'not compressed', offset: 3, after: chunk('ANNO', enc.encode('a note after the sound')) });
    const whole = await decodeAudio(bytes);
    expect(whole.channels[0].length).toBe(10);
    for (let cut = 1; cut < bytes.length; cut++) {
      const split = await streamed(bytes, [cut]);
      expect(split.channels, `cut at ${cut}`).toEqual(whole.channels);
    }
    const bytewise = await streamed(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1));
    expect(bytewise.channels).toEqual(whole.channels);
  });

  it('reads big-endian, little-endian (sowt) and float samples to the same values', async () => {
    const values = [0, 16384, -16384, 32767, -32768];
    const be = values.flatMap((x) => be16(x & 0xffff));
    const le = values.flatMap((x) => be16(x & 0xffff).reverse());
    const f32 = new Uint8Array(values.length * 4);
    values.forEach((x, i) => new DataView(f32.buffer).setFloat32(i * 4, x / 32768));
    const want = Float32Array.from(values, (x) => x / 32768);
    for (const bytes of [
      handAiff({ samples: cat(be) }),
      handAiff({ samples: cat(be), type: 'twos' }),
      handAiff({ samples: cat(le), type: 'sowt', name: '' }),
      handAiff({ samples: f32, type: 'fl32', bits: 32 }),
      handAiff({ samples: f32, type: 'FL32', bits: 32 }),
    ]) {
      expect((await decodeAudio(bytes)).channels[0]).toEqual(want);
    }
  });

  it('reads a sample rate that is not a whole number as the nearest one', async () => {
    const bytes = handAiff({ samples: cat(Array(8).fill(0)), rate: 22254.545454545 });
    expect((await decodeAudio(bytes)).sampleRate).toBe(22255);
  });

  it('stops at the sound data the file declares, or reads to the end when it declares none', async () => {
    const samples = cat(be16(1000), be16(2000), be16(3000));
    const trailing = chunk('ID3 ', cat(Array(10).fill(7)));
    expect((await decodeAudio(handAiff({ samples, after: trailing }))).channels[0]).toHaveLength(3);
    expect((await decodeAudio(handAiff({ samples, frames: 2 }))).channels[0]).toHaveLength(2);
    expect((await decodeAudio(handAiff({ samples, frames: 0, ssndSize: 0 }))).channels[0]).toHaveLength(3);
  });

  it('names the compression it does not read, and refuses broken headers clearly', async () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [ffmpegAiff('pcm_mulaw'), 'unsupported', /AIFF-C compression "ulaw" is not supported/],
      [handAiff({ samples: cat([1, 2]), type: 'ima4', name: 'IMA 4:1' }), 'unsupported', /"ima4" \(IMA 4:1\)/],
      [handAiff({ samples: cat([1, 2]), ssndFirst: true }), 'unsupported', /before its COMM chunk/],
      [handAiff({ samples: cat([1, 2]), channels: 0 }), 'corrupt', /no channels/],
      [handAiff({ samples: cat([1, 2]), bits: 40 }), 'corrupt', /sample size of 40 bits/],
      [handAiff({ samples: cat([1, 2]), rate: 0.5 }), 'corrupt', /sample rate/],
      [handAiff({ samples: cat([1, 2]), offset: 4, ssndSize: 9 }), 'corrupt', /shorter than its own offset/],
      [cat('FORM', be32(30), 'AIFF', chunk('COMM', cat(Array(10).fill(0)))), 'corrupt', /COMM chunk is truncated/],
      [handAiff({ samples: cat([1, 2]) }).subarray(0, 40), 'corrupt', /AIFF file is truncated/],
    ];
    for (const [bytes, code, message] of cases) {
      const err = await decodeAudio(bytes).catch((e: unknown) => e);
      expect(err, String(message)).toBeInstanceOf(AudioDecodeError);
      expect((err as AudioDecodeError).code, String(message)).toBe(code);
      expect((err as Error).message).toMatch(message);
    }
  });

  it('gives up on a header that never reaches its sound data', async () => {
    const stream = await openStream(cat('FORM', be32(0), 'AIFF'));
    await stream.push(cat('FORM', be32(0), 'AIFF', 'NAME', be32(1 << 21)));
    await expect(stream.push(new Uint8Array(1 << 20))).rejects.toThrow(/no SSND chunk in its first megabyte/);
  });
});
