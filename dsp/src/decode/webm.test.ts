import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { speedChange, synthSong } from '../../testing/synth';
import { AudioDecodeError, decodeAudio, openStream, type DecodedAudio } from './index';
import { ID } from './webm/ebml';
import { WebmDemuxer } from './webm/demux';

const recorded = new Uint8Array(readFileSync(new URL('../../../test/fixtures/audio/night-market-recorded.webm', import.meta.url)));

// A small EBML writer: every size 8 bytes long, so "unknown" is one byte pattern away.
const UNKNOWN_SIZE = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
type Bytes = Uint8Array | number[];

function cat(parts: Bytes[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

const be4 = (v: number) => [24, 16, 8, 0].map((s) => (v >>> s) & 0xff);

function el(id: number, parts: Bytes[], unknownSize = false): Uint8Array {
  const payload = cat(parts);
  const idBytes = be4(id);
  while (idBytes[0] === 0) idBytes.shift();
  return cat([idBytes, unknownSize ? UNKNOWN_SIZE : [0x01, 0, 0, 0, ...be4(payload.length)], payload]);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const OPUS_HEAD = [...ascii('OpusHead'), 1, 1, 312 & 0xff, 312 >> 8, 0x80, 0xbb, 0, 0, 0, 0, 0];

function trackEntry(number: number, type: number, codec: string, priv: Bytes = []): Uint8Array {
  return el(ID.TrackEntry, [el(ID.TrackNumber, [[number]]), el(ID.TrackType, [[type]]), el(ID.CodecID, [ascii(codec)]), el(ID.CodecPrivate, [priv])]);
}

type Lacing = 'none' | 'xiph' | 'fixed' | 'ebml';

/** One SimpleBlock holding `frames` with `lacing`. */
function simpleBlock(track: number, frames: Uint8Array[], lacing: Lacing): Uint8Array {
  const bits = { none: 0, xiph: 1, fixed: 2, ebml: 3 }[lacing];
  const head: number[] = [0x80 | track, 0, 0, 0x80 | (bits << 1)];
  if (lacing !== 'none') head.push(frames.length - 1);
  const sizes = frames.slice(0, -1).map((f) => f.length);
  if (lacing === 'xiph') for (const s of sizes) head.push(...Array<number>(Math.floor(s / 255)).fill(255), s % 255);
  if (lacing === 'ebml') {
    // the first size plain, then differences in 4-byte signed vints (bias 2^27 - 1)
    sizes.forEach((s, i) => head.push(...be4(0x10000000 | (i === 0 ? s : s - sizes[i - 1] + 2 ** 27 - 1))));
  }
  return el(ID.SimpleBlock, [head, ...frames]);
}

interface Remux {
  lacing?: Lacing;
  unknownSizes?: boolean;
  tracks?: Uint8Array[];
  /** Blocks of another track between the audio's. */
  videoNoise?: boolean;
}

/** A WebM of `packets` (Opus track 2, 10 blocks a Cluster), with Void, Cues and Tags to skip. */
function webm(packets: Uint8Array[], o: Remux = {}): Uint8Array {
  const tracks = o.tracks ?? [trackEntry(1, 1, 'V_VP8'), trackEntry(2, 2, 'A_OPUS', OPUS_HEAD)];
  const per = { none: 1, xiph: 4, ebml: 4, fixed: 2 }[o.lacing ?? 'none'];
  const clusters: Uint8Array[] = [];
  for (let c = 0; c < packets.length; c += 10 * per) {
    const blocks: Uint8Array[] = [el(0xe7, [[0]])];
    for (let b = c; b < Math.min(c + 10 * per, packets.length); b += per) {
      if (o.videoNoise) blocks.push(simpleBlock(1, [new Uint8Array(3000).fill(0xa3)], 'none'), el(ID.Void, [new Uint8Array(5)]));
      blocks.push(simpleBlock(2, packets.slice(b, b + per), o.lacing ?? 'none'));
    }
    clusters.push(el(ID.Cluster, blocks, o.unknownSizes));
  }
  const segment = [el(ID.Void, [new Uint8Array(40)]), el(ID.Tracks, tracks), ...clusters, el(0x1c53bb6b, [new Uint8Array(300)]), el(0x1254c367, [])];
  return cat([el(ID.EBML, [el(ID.DocType, [ascii('webm')])]), el(ID.Segment, segment, o.unknownSizes)]);
}

function packetsOf(file: Uint8Array): Uint8Array[] {
  const d = new WebmDemuxer();
  d.push(file);
  return d.take().packets;
}

async function decodeError(bytes: Uint8Array): Promise<AudioDecodeError> {
  const err = await decodeAudio(bytes).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AudioDecodeError);
  return err as AudioDecodeError;
}

async function decodeInPieces(bytes: Uint8Array, size: number): Promise<number[]> {
  const stream = await openStream(bytes.subarray(0, 512));
  const out: number[] = [];
  for (let o = 0; o < bytes.length; o += size) {
    const b = await stream.push(bytes.subarray(o, o + size));
    if (b) out.push(...b.channels[0]);
  }
  const b = await stream.flush();
  if (b) out.push(...b.channels[0]);
  stream.free();
  return out;
}

function expectSame(a: DecodedAudio, b: DecodedAudio): void {
  expect(a.channels[0].length).toBe(b.channels[0].length);
  expect(a.channels[0].every((v, i) => v === b.channels[0][i])).toBe(true);
}

describe('WebM/Opus (MediaRecorder recordings)', () => {
  it('decodes the recorded clip: 10 s at 48 kHz, in step with the song it recorded', async () => {
    // as Chrome writes them: Segment and Clusters of unknown size
    const hex = Buffer.from(recorded).toString('hex');
    expect(hex).toContain('1853806701ffffffffffffff');
    expect(hex).toContain('1f43b67501ffffffffffffff');
    const a = await decodeAudio(recorded);
    expect(a.format).toBe('webm-opus');
    expect(a.sampleRate).toBe(48000);
    expect(a.channels).toHaveLength(1);
    expect(a.channels[0].length).toBe(10 * 48000);
    // the pre-skip is honoured: sample for sample against the source from 4 s (at 44.1 kHz)
    const src = speedChange(synthSong(13, 20, 44100).subarray(4 * 44100, 14 * 44100), 44100 / 48000);
    let dot = 0;
    let ss = 0;
    let dd = 0;
    for (let i = 0; i < src.length; i++) {
      dot += src[i] * a.channels[0][i];
      ss += src[i] ** 2;
      dd += a.channels[0][i] ** 2;
    }
    expect(dot / Math.sqrt(ss * dd)).toBeGreaterThan(0.9);
  });

  it('gives the same samples fed a byte or 7 bytes at a time', async () => {
    const whole = [...(await decodeAudio(recorded)).channels[0]];
    for (const size of [1, 7]) expect(await decodeInPieces(recorded, size)).toEqual(whole);
  });

  it('reads known sizes, every lacing, and skips other tracks, Void, Cues, Tags and what follows the Segment', async () => {
    const packets = packetsOf(recorded);
    expect(packets).toHaveLength(501);
    const plain = await decodeAudio(webm(packets));
    const fromRecording = (await decodeAudio(recorded)).channels[0];
    // the recording also trims the encoder's padding off its last packet
    expect(plain.channels[0].subarray(0, fromRecording.length)).toEqual(fromRecording);
    expectSame(await decodeAudio(cat([webm(packets), new TextEncoder().encode('trailing junk')])), plain);
    for (const lacing of ['xiph', 'ebml'] as const) expectSame(await decodeAudio(webm(packets, { lacing, videoNoise: true })), plain);
    expectSame(await decodeAudio(webm(packets, { unknownSizes: true, videoNoise: true })), plain);
    // fixed-size lacing needs frames of one size: each packet twice
    const twice = packets.flatMap((p) => [p, p]);
    expectSame(await decodeAudio(webm(twice, { lacing: 'fixed' })), await decodeAudio(webm(twice)));
  });

  it('refuses a WebM without an Opus audio track as unsupported, naming what it has', async () => {
    const vorbis = await decodeError(webm(packetsOf(recorded), { tracks: [trackEntry(1, 2, 'A_VORBIS', [2, 30, 60])] }));
    expect(vorbis.code).toBe('unsupported');
    expect(vorbis.message).toMatch(/without an Opus audio track \(tracks: A_VORBIS\)/);
    const video = await decodeError(webm([], { tracks: [trackEntry(1, 1, 'V_VP8')] }));
    expect(video.code).toBe('unsupported');
    expect(video.message).toMatch(/V_VP8/);
    const other = await decodeError(cat([el(ID.EBML, [el(ID.DocType, [ascii('mkvlike')])]), new Uint8Array(600)]));
    expect(other.code).toBe('unsupported');
  });

  it('decodes what a truncated file holds, and calls one cut before its audio corrupt', async () => {
    const cut = await decodeAudio(recorded.subarray(0, Math.floor(recorded.length * 0.3)));
    expect(cut.channels[0].length / 48000).toBeGreaterThan(2.5);
    expect(cut.channels[0].length / 48000).toBeLessThan(3.5);
    for (const at of [10, 300]) expect((await decodeError(recorded.subarray(0, at))).code).toBe('corrupt');
  });

  it('calls garbage after the EBML magic corrupt, never crashing or hanging', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    for (let i = 0; i < 200; i++) {
      const bytes = cat([[0x1a, 0x45, 0xdf, 0xa3], Array.from({ length: 1 + (i % 50) * 20 }, random)]);
      expect((await decodeError(bytes)).code).toBe('corrupt');
    }
    const unsizedTracks = cat([el(ID.EBML, [el(ID.DocType, [ascii('webm')])]), el(ID.Segment, [el(ID.Tracks, [trackEntry(1, 2, 'A_OPUS', OPUS_HEAD)], true)])]);
    const err = await decodeError(unsizedTracks);
    expect([err.code, err.message]).toEqual(['corrupt', expect.stringMatching(/unknown size/)]);
  });
});
