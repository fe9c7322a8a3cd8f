// The Opus packets of a WebM/Matroska file as its bytes arrive (MediaRecorder's recordings:
// Segment and Clusters of unknown size). Only Segment and Cluster are entered; Tracks and
// blocks are read whole, everything else is skipped by its size without being held.
import { AudioDecodeError } from '../types';
import { children, corrupt, ID, readDocType, readHeader, readInt, readString, readUint, readVint, UNKNOWN, type Header } from './ebml';

/** The OpusHead fields the decoder needs. */
export interface OpusTrack {
  channels: number;
  preSkip: number;
  streamCount: number;
  coupledStreamCount: number;
  channelMappingTable: number[];
}

/** Largest element read whole: a Tracks or a block of audio is far smaller. */
const MAX_ELEMENT = 1 << 20;
const AUDIO = 2;

/** Bytes received and not yet parsed, in one buffer reused as they are consumed. */
class ByteQueue {
  private buf = new Uint8Array(1 << 16);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }

  append(b: Uint8Array): void {
    if (this.end + b.length > this.buf.length) {
      const held = this.bytes();
      const to = held.length + b.length > this.buf.length ? new Uint8Array(Math.max(2 * this.buf.length, held.length + b.length)) : this.buf;
      to.set(held);
      this.buf = to;
      this.start = 0;
      this.end = held.length;
    }
    this.buf.set(b, this.end);
    this.end += b.length;
  }

  drop(n: number): void {
    this.start += n;
    if (this.start === this.end) this.start = this.end = 0;
  }
}

export class WebmDemuxer {
  /** Set once the Tracks are read. */
  opus: OpusTrack | null = null;
  private trackNumber = 0;
  private sawHeader = false;
  private readonly q = new ByteQueue();
  /** File offset of the queue's first byte. */
  private pos = 0;
  private skip = 0;
  /** File offsets where the open Segment and Cluster end (Infinity: unknown size). */
  private readonly open: number[] = [];
  private packets: Uint8Array[] = [];
  /** Samples the encoder padded the last packet with (DiscardPadding, at the end of a stream). */
  private trim = 0;

  push(bytes: Uint8Array): void {
    this.q.append(bytes);
    while (this.step());
  }

  /** The packets read since the last call, and how many samples to drop from their end. */
  take(): { packets: Uint8Array[]; trim: number } {
    const taken = { packets: this.packets, trim: this.trim };
    this.packets = [];
    this.trim = 0;
    return taken;
  }

  /** End of input; a file cut inside a block loses that block only. */
  end(): void {
    if (!this.opus) throw corrupt(this.sawHeader ? 'the file ends before its Tracks' : 'the file ends inside its EBML header');
  }

  private consume(n: number): void {
    this.q.drop(n);
    this.pos += n;
  }

  /** Parses one element (or skips what it can); false when more bytes are needed. */
  private step(): boolean {
    if (this.skip > 0) {
      const n = Math.min(this.skip, this.q.length);
      this.consume(n);
      this.skip -= n;
      if (this.skip > 0) return false;
    }
    while (this.open.length && this.open[this.open.length - 1] <= this.pos) this.open.pop();
    if (this.open.length === 0 && this.opus) {
      // past the Segment: a chained one or trailing junk, not ours to read
      this.consume(this.q.length);
      return false;
    }
    const b = this.q.bytes();
    const h = readHeader(b, 0);
    if (!h) return false;
    if (this.open.length === 0) return this.atTop(b, h);
    if (h.size !== UNKNOWN && this.pos + h.length + h.size > this.open[this.open.length - 1]) throw corrupt(`element 0x${h.id.toString(16)} overruns its parent`);
    return this.open.length === 1 ? this.inSegment(b, h) : this.inCluster(b, h);
  }

  private atTop(b: Uint8Array, h: Header): boolean {
    switch (h.id) {
      case ID.EBML:
        return this.whole(b, h, (p) => {
          const type = readDocType(p);
          if (type !== 'webm' && type !== 'matroska') throw new AudioDecodeError('unsupported', `unsupported format: EBML document of type "${type}"`);
          this.sawHeader = true;
        });
      case ID.Segment:
        if (!this.sawHeader) throw corrupt('a Segment before the EBML header');
        return this.enter(h);
      case ID.Void:
      case ID.CRC32:
        return this.skipOver(h);
      default:
        throw corrupt(`element 0x${h.id.toString(16)} where a Matroska file begins`);
    }
  }

  private inSegment(b: Uint8Array, h: Header): boolean {
    switch (h.id) {
      case ID.Tracks:
        return this.whole(b, h, (p) => this.tracks(p));
      case ID.Cluster:
        if (!this.opus) throw corrupt('a Cluster before the Tracks');
        return this.enter(h);
      default:
        return this.skipOver(h);
    }
  }

  private inCluster(b: Uint8Array, h: Header): boolean {
    // Level-1 elements all have 4-byte IDs, a Cluster's children shorter ones.
    if (h.id > 0xffffff && this.open[1] === Infinity) {
      this.open.pop();
      return true;
    }
    switch (h.id) {
      case ID.SimpleBlock: {
        const track = readVint(b, h.length);
        if (!track) return false;
        return track.value === this.trackNumber ? this.whole(b, h, (p) => this.block(p)) : this.skipOver(h);
      }
      case ID.BlockGroup:
        return this.whole(b, h, (p) => {
          let trim = 0;
          for (const c of children(p)) {
            if (c.id === ID.Block) this.block(c.data);
            else if (c.id === ID.DiscardPadding) trim = Math.max(0, Math.round((readInt(c.data) * 48000) / 1e9));
          }
          this.trim = trim;
        });
      default:
        return this.skipOver(h);
    }
  }

  private enter(h: Header): boolean {
    this.consume(h.length);
    this.open.push(h.size === UNKNOWN ? Infinity : this.pos + h.size);
    return true;
  }

  private skipOver(h: Header): boolean {
    if (h.size === UNKNOWN) throw corrupt(`element 0x${h.id.toString(16)} of unknown size`);
    this.consume(h.length);
    this.skip = h.size;
    return true;
  }

  private whole(b: Uint8Array, h: Header, read: (payload: Uint8Array) => void): boolean {
    if (h.size === UNKNOWN || h.size > MAX_ELEMENT) throw corrupt(`element 0x${h.id.toString(16)} of ${h.size === UNKNOWN ? 'unknown size' : `${h.size} bytes`}`);
    if (b.length < h.length + h.size) return false;
    read(b.subarray(h.length, h.length + h.size));
    this.consume(h.length + h.size);
    return true;
  }

  private tracks(p: Uint8Array): void {
    const codecs: string[] = [];
    for (const entry of children(p)) {
      if (entry.id !== ID.TrackEntry) continue;
      const f = new Map<number, Uint8Array>();
      for (const c of children(entry.data)) f.set(c.id, c.data);
      const codec = readString(f.get(ID.CodecID) ?? new Uint8Array());
      codecs.push(codec);
      if (codec !== 'A_OPUS' || readUint(f.get(ID.TrackType) ?? new Uint8Array()) !== AUDIO) continue;
      if (f.has(ID.ContentEncodings)) throw new AudioDecodeError('unsupported', 'unsupported format: WebM with a compressed or encrypted Opus track');
      this.opus = opusHead(f.get(ID.CodecPrivate));
      this.trackNumber = readUint(f.get(ID.TrackNumber) ?? new Uint8Array());
      return;
    }
    throw new AudioDecodeError('unsupported', `unsupported format: WebM/Matroska without an Opus audio track (tracks: ${codecs.join(', ') || 'none'})`);
  }

  /** A SimpleBlock or Block: track, 16-bit timecode, flags, then one or several laced frames. */
  private block(p: Uint8Array): void {
    const track = readVint(p, 0);
    if (!track || track.length + 3 > p.length) throw corrupt('a block shorter than its header');
    if (track.value !== this.trackNumber) return;
    for (const f of unlace(p, track.length + 3, (p[track.length + 2] >> 1) & 3)) this.packets.push(f.slice());
    this.trim = 0;
  }
}

function opusHead(p: Uint8Array | undefined): OpusTrack {
  if (!p || p.length < 19 || readString(p.subarray(0, 8)) !== 'OpusHead') throw corrupt('an Opus track without its OpusHead');
  const channels = p[9];
  const preSkip = p[10] | (p[11] << 8);
  if (p[18] === 0) return { channels, preSkip, streamCount: 1, coupledStreamCount: channels - 1, channelMappingTable: channels === 2 ? [0, 1] : [0] };
  if (p.length < 21 + channels) throw corrupt('an OpusHead cut short');
  return { channels, preSkip, streamCount: p[19], coupledStreamCount: p[20], channelMappingTable: [...p.subarray(21, 21 + channels)] };
}

/** The frames of a block's payload from `at`: lacing 0 none, 1 Xiph, 2 fixed-size, 3 EBML. */
function unlace(p: Uint8Array, at: number, lacing: number): Uint8Array[] {
  if (lacing === 0) return [p.subarray(at)];
  const count = p[at++] + 1;
  const sizes: number[] = [];
  if (lacing === 1) {
    for (let i = 0; i < count - 1; i++) {
      let size = 0;
      while (p[at] === 255) size += p[at++];
      sizes.push(size + p[at++]);
    }
  } else if (lacing === 3) {
    for (let i = 0; i < count - 1; i++) {
      const v = readVint(p, at);
      if (!v) throw corrupt('EBML lacing cut short');
      // sizes after the first are differences, signed by a bias of half the vint's range
      sizes.push(i === 0 ? v.value : sizes[i - 1] + v.value - (2 ** (7 * v.length - 1) - 1));
      at += v.length;
    }
  } else {
    if ((p.length - at) % count) throw corrupt('fixed-size lacing that does not divide the block');
    sizes.push(...Array<number>(count - 1).fill((p.length - at) / count));
  }
  const frames: Uint8Array[] = [];
  for (const size of sizes) {
    if (!(size >= 0) || at + size > p.length) throw corrupt('lacing that overruns its block');
    frames.push(p.subarray(at, (at += size)));
  }
  if (at > p.length) throw corrupt('lacing that overruns its block');
  frames.push(p.subarray(at));
  return frames;
}
