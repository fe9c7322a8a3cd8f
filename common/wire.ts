// The binary body of POST /api/v1/identify (and the records of catalog ingest):
// little-endian, fixed layout, versioned by the fingerprint format.
//
//   offset  size        field
//   0       4           magic "ESH1"
//   4       2           fp_version (u16)
//   6       2           reserved, 0
//   8       4           count (u32)
//   12      4 x count   hash (u32; dsp/src/hash.ts HASH_BITS used)
//   ..      4 x count   t    (i32; anchor time in engine frames)
//   ..      1 x count   hyp  (u8; index into dsp HYPOTHESES, 0 = as heard, versioned by fp_version;
//                             or'ed with dsp/src/hash.ts VARIANT_FLAG on a fuzz variant and
//                             EXTRA_FLAG on an extra peak's pair)
import type { HashBatch } from '../dsp/src/index';

export const WIRE_MAGIC = 'ESH1';
export const WIRE_HEADER_BYTES = 12;
export const WIRE_RECORD_BYTES = 9;

/** Records that fit a binary body of `bodyBytes`. */
export function wireRecordsIn(bodyBytes: number): number {
  return Math.max(0, Math.floor((bodyBytes - WIRE_HEADER_BYTES) / WIRE_RECORD_BYTES));
}

export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

export function encodeHashes(batch: HashBatch, fpVersion: number): Uint8Array {
  const n = batch.hash.length;
  const out = new Uint8Array(WIRE_HEADER_BYTES + n * WIRE_RECORD_BYTES);
  const v = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = WIRE_MAGIC.charCodeAt(i);
  v.setUint16(4, fpVersion, true);
  v.setUint32(8, n, true);
  let o = WIRE_HEADER_BYTES;
  for (let i = 0; i < n; i++, o += 4) v.setUint32(o, batch.hash[i], true);
  for (let i = 0; i < n; i++, o += 4) v.setInt32(o, batch.t[i], true);
  out.set(batch.hyp, o);
  return out;
}

export function decodeHashes(body: Uint8Array): { fpVersion: number; batch: HashBatch } {
  if (body.length < WIRE_HEADER_BYTES) throw new WireError(`body is ${body.length} bytes, shorter than the ${WIRE_HEADER_BYTES}-byte header`);
  for (let i = 0; i < 4; i++) {
    if (body[i] !== WIRE_MAGIC.charCodeAt(i)) throw new WireError('body does not start with the magic "ESH1"');
  }
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const fpVersion = v.getUint16(4, true);
  const n = v.getUint32(8, true);
  if (body.length !== WIRE_HEADER_BYTES + n * WIRE_RECORD_BYTES) {
    throw new WireError(`header says ${n} records (${WIRE_HEADER_BYTES + n * WIRE_RECORD_BYTES} bytes) but the body has ${body.length} bytes`);
  }
  const hash = new Uint32Array(n);
  const t = new Int32Array(n);
  let o = WIRE_HEADER_BYTES;
  for (let i = 0; i < n; i++, o += 4) hash[i] = v.getUint32(o, true);
  for (let i = 0; i < n; i++, o += 4) t[i] = v.getInt32(o, true);
  const hyp = body.slice(o, o + n);
  return { fpVersion, batch: { hash, t, hyp } };
}
