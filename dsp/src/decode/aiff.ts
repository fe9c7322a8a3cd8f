// AIFF and AIFF-C ('FORM' … 'AIFF'/'AIFC'): the COMM chunk says how the samples are laid
// out, the SSND chunk holds them. AIFF is big-endian integers; AIFF-C names its encoding.
import { frameBytes, type PcmContainer, type PcmHeader, type PcmLayout } from './pcm-frames';
import { AudioDecodeError } from './types';

type Encoding = Pick<PcmLayout, 'encoding' | 'littleEndian'> & {
  /** Sample bytes the type implies; integer types take them from COMM's sample size. */
  bytes?: number;
};

/** The AIFF-C compression types that are plain samples. */
const ENCODINGS: Record<string, Encoding> = {
  NONE: { encoding: 'int', littleEndian: false },
  twos: { encoding: 'int', littleEndian: false },
  sowt: { encoding: 'int', littleEndian: true },
  'raw ': { encoding: 'uint', littleEndian: false, bytes: 1 },
  fl32: { encoding: 'float', littleEndian: false, bytes: 4 },
  FL32: { encoding: 'float', littleEndian: false, bytes: 4 },
  fl64: { encoding: 'float', littleEndian: false, bytes: 8 },
  FL64: { encoding: 'float', littleEndian: false, bytes: 8 },
};

const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

/** COMM's sample rate, an 80-bit IEEE 754 extended float (sign, 15-bit exponent, 64-bit mantissa). */
function readExtended(v: DataView, at: number): number {
  const signExp = v.getUint16(at);
  const exp = signExp & 0x7fff;
  const mantissa = v.getUint32(at + 2) * 2 ** 32 + v.getUint32(at + 6);
  if (exp === 0x7fff) return NaN;
  return (signExp & 0x8000 ? -1 : 1) * mantissa * 2 ** (exp - 16383 - 63);
}

interface Comm {
  layout: PcmLayout;
  /** Sample frames COMM declares: 0 when written to a pipe. */
  frames: number;
}

function parseComm(b: Uint8Array, v: DataView, body: number, size: number, aifc: boolean): Comm {
  if (size < (aifc ? 22 : 18)) throw new AudioDecodeError('corrupt', 'AIFF COMM chunk is truncated');
  const channels = v.getInt16(body);
  const bits = v.getInt16(body + 6);
  const rate = readExtended(v, body + 8);
  if (channels < 1) throw new AudioDecodeError('corrupt', 'AIFF file declares no channels');
  if (!(rate >= 1 && rate < 2 ** 32)) throw new AudioDecodeError('corrupt', `AIFF sample rate ${rate} is not a number of Hz`);
  const type = aifc ? fourcc(b, body + 18) : 'NONE';
  const encoding = ENCODINGS[type];
  if (!encoding) {
    // the type's name, a Pascal string, says what it is in words ("ulaw 2:1")
    const name = size > 22 ? String.fromCharCode(...b.subarray(body + 23, body + Math.min(size, 23 + b[body + 22]))).trim() : '';
    throw new AudioDecodeError('unsupported', `AIFF-C compression "${type}"${name ? ` (${name})` : ''} is not supported: only uncompressed PCM and float`);
  }
  if (!encoding.bytes && !(bits >= 1 && bits <= 32)) throw new AudioDecodeError('corrupt', `AIFF sample size of ${bits} bits is not 1 to 32`);
  return {
    // samples are left-justified in whole bytes, so a 20-bit sample reads as a 24-bit one
    layout: { channels, rate: Math.round(rate), bytes: encoding.bytes ?? Math.ceil(bits / 8), encoding: encoding.encoding, littleEndian: encoding.littleEndian },
    frames: v.getUint32(body + 2),
  };
}

/** Where the samples start, or null when `b` ends before they do. */
export function parseAiffHeader(b: Uint8Array): PcmHeader | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const aifc = fourcc(b, 8) === 'AIFC';
  let comm: Comm | null = null;
  let pos = 12;
  while (pos + 8 <= b.length) {
    const id = fourcc(b, pos);
    const size = v.getUint32(pos + 4);
    const body = pos + 8;
    if (id === 'COMM') {
      if (body + size > b.length) return null;
      comm = parseComm(b, v, body, size, aifc);
    } else if (id === 'SSND') {
      // holding the samples until a later COMM would hold the whole file
      if (!comm) throw new AudioDecodeError('unsupported', 'AIFF file with its sound data before its COMM chunk is not supported');
      if (body + 8 > b.length) return null;
      const offset = v.getUint32(body);
      const dataStart = body + 8 + offset;
      if (dataStart > b.length) return null;
      // a file written to a pipe declares 0 for both sizes: read to its end then
      const declared = size === 0 ? Infinity : size - 8 - offset;
      if (declared < 0) throw new AudioDecodeError('corrupt', 'AIFF SSND chunk is shorter than its own offset');
      return { layout: comm.layout, dataStart, dataBytes: Math.min(declared, comm.frames === 0 ? Infinity : comm.frames * frameBytes(comm.layout)) };
    }
    pos = body + size + (size & 1);
  }
  return null;
}

export const AIFF: PcmContainer = {
  format: 'aiff',
  parseHeader: parseAiffHeader,
  truncated: 'AIFF file is truncated: it ends before a complete COMM and SSND chunk header',
  noData: 'AIFF file has no SSND chunk in its first megabyte',
};
