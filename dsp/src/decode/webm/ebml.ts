// EBML, the binary layout of Matroska/WebM: elements of (ID, size, payload), IDs and sizes
// written as variable-length integers whose leading zero bits give their length.
import { AudioDecodeError } from '../types';

export const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
  ContentEncodings: 0x6d80,
  Cluster: 0x1f43b675,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  DiscardPadding: 0x75a2,
  Void: 0xec,
  CRC32: 0xbf,
} as const;

/** Size of an element that runs until its parent ends or a sibling of the parent begins. */
export const UNKNOWN = -1;

export interface Header {
  id: number;
  /** Payload bytes, or UNKNOWN. */
  size: number;
  /** Bytes of the ID and size fields. */
  length: number;
}

export function corrupt(why: string): AudioDecodeError {
  return new AudioDecodeError('corrupt', `corrupt WebM/Matroska: ${why}`);
}

/** Length of the vint starting with `first`, 1..8. */
function vintLength(first: number): number {
  if (first === 0) throw corrupt('a variable-length integer longer than 8 bytes');
  return Math.clz32(first) - 23;
}

/** The vint at b[at] without its length marker, with its length; null when b ends inside it. */
export function readVint(b: Uint8Array, at: number): { value: number; length: number; allOnes: boolean } | null {
  if (at >= b.length) return null;
  const length = vintLength(b[at]);
  if (at + length > b.length) return null;
  let value = b[at] & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i];
    allOnes &&= b[at + i] === 0xff;
  }
  return { value, length, allOnes };
}

/** The element header at b[at], or null when b ends inside it. */
export function readHeader(b: Uint8Array, at: number): Header | null {
  if (at >= b.length) return null;
  const idLength = vintLength(b[at]);
  if (idLength > 4) throw corrupt('an element ID longer than 4 bytes');
  const size = readVint(b, at + idLength);
  if (!size) return null;
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + b[at + i];
  return { id, size: size.allOnes ? UNKNOWN : size.value, length: idLength + size.length };
}

/** The child elements of a payload held whole; every child must have a known size that fits. */
export function* children(b: Uint8Array): Generator<{ id: number; data: Uint8Array }> {
  for (let at = 0; at < b.length; ) {
    const h = readHeader(b, at);
    if (!h || h.size === UNKNOWN || at + h.length + h.size > b.length) throw corrupt(`element 0x${(h?.id ?? 0).toString(16)} overruns its parent`);
    yield { id: h.id, data: b.subarray(at + h.length, at + h.length + h.size) };
    at += h.length + h.size;
  }
}

export function readUint(b: Uint8Array): number {
  return b.reduce((v, x) => v * 256 + x, 0);
}

export function readInt(b: Uint8Array): number {
  return b.length && b[0] & 0x80 ? readUint(b) - 2 ** (8 * b.length) : readUint(b);
}

export function readString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return String.fromCharCode(...b.subarray(0, end < 0 ? b.length : end));
}

/** The DocType in the payload of an EBML header. */
export function readDocType(payload: Uint8Array): string {
  for (const c of children(payload)) if (c.id === ID.DocType) return readString(c.data);
  return 'matroska'; // the EBML default
}

/** The DocType of the EBML header `head` starts with, or null when `head` does not hold a readable one. */
export function sniffDocType(head: Uint8Array): string | null {
  try {
    const h = readHeader(head, 0);
    if (!h || h.id !== ID.EBML || h.size === UNKNOWN || h.length + h.size > head.length) return null;
    return readDocType(head.subarray(h.length, h.length + h.size));
  } catch {
    return null;
  }
}
