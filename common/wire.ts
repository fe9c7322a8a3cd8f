// The binary body of POST /api/v1/identify (and the records of catalog ingest):
// little-endian, fixed layout, versioned by the fingerprint format.
//
//   offset  size        field
//   0       4           magic "ESH1"
//   4       2           fp_version (u16)
//   6       2           envelope steps (u16; 0: none, so bodies from before it still read)
//   8       4           count (u32)
//   12      4 x count   hash (u32; dsp/src/hash.ts HASH_BITS used)
//   ..      4 x count   t    (i32; anchor time in engine frames)
//   ..      1 x count   hyp  (u8; index into dsp HYPOTHESES, 0 = as heard, versioned by fp_version;
//                             or'ed with dsp/src/hash.ts VARIANT_FLAG on a fuzz variant and
//                             EXTRA_FLAG on an extra peak's pair)
// and, with envelope steps, the query's band envelope (dsp/src/envelope):
//   ..      1           envelope_version (u8; dsp ENVELOPE_VERSION)
//   ..      1           bands (u8)
//   ..      2           first step (u16; the step of the records' time axis its first value is,
//                             ENVELOPE.stepFrames frames a step; 0 in bodies from before it)
//   ..      4           top (f32; dB of the loudest value)
//   ..      bands x steps  each value in half dB below top (u8; 255: that or further)
import type { HashBatch } from '../dsp/src/index';

export const WIRE_MAGIC = 'ESH1';
export const WIRE_HEADER_BYTES = 12;
export const WIRE_RECORD_BYTES = 9;
const ENVELOPE_HEAD_BYTES = 8;
const STEP_DB = 0.5;
const MAX_STEPS = 0xffff;

/** A query's band envelope as the wire carries it: steps of `bands` values (linear power). */
export interface WireEnvelope {
  version: number;
  bands: number;
  steps: Float32Array;
  /** The step of the records' time axis that `steps` starts at. */
  firstStep: number;
}

/** The last step an envelope section can start at. */
export const WIRE_FIRST_STEP_MAX = 0xffff;

/** Bytes an envelope section takes (0 without one); at most the last MAX_STEPS steps are sent. */
export function wireEnvelopeBytes(e: Pick<WireEnvelope, 'bands' | 'steps'> | undefined): number {
  if (!e || e.steps.length === 0) return 0;
  return ENVELOPE_HEAD_BYTES + Math.min(MAX_STEPS, e.steps.length / e.bands) * e.bands;
}

/** Records that fit a binary body of `bodyBytes` (beside an envelope section of `envelopeBytes`). */
export function wireRecordsIn(bodyBytes: number, envelopeBytes = 0): number {
  return Math.max(0, Math.floor((bodyBytes - envelopeBytes - WIRE_HEADER_BYTES) / WIRE_RECORD_BYTES));
}

export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

export function encodeHashes(batch: HashBatch, fpVersion: number, envelope?: WireEnvelope): Uint8Array {
  const n = batch.hash.length;
  const out = new Uint8Array(WIRE_HEADER_BYTES + n * WIRE_RECORD_BYTES + wireEnvelopeBytes(envelope));
  const v = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = WIRE_MAGIC.charCodeAt(i);
  v.setUint16(4, fpVersion, true);
  v.setUint32(8, n, true);
  let o = WIRE_HEADER_BYTES;
  for (let i = 0; i < n; i++, o += 4) v.setUint32(o, batch.hash[i], true);
  for (let i = 0; i < n; i++, o += 4) v.setInt32(o, batch.t[i], true);
  out.set(batch.hyp, o);
  if (envelope && envelope.steps.length > 0) writeEnvelope(v, o + n, envelope);
  return out;
}

function writeEnvelope(v: DataView, at: number, e: WireEnvelope): void {
  const values = Math.min(MAX_STEPS, e.steps.length / e.bands) * e.bands;
  const steps = e.steps.subarray(e.steps.length - values);
  const first = e.firstStep + (e.steps.length - values) / e.bands;
  if (!Number.isInteger(first) || first < 0 || first > WIRE_FIRST_STEP_MAX) throw new RangeError(`envelope: first step ${first} is not in 0..${WIRE_FIRST_STEP_MAX}`);
  const db = Float32Array.from(steps, (p) => 10 * Math.log10(p + 1e-12));
  let top = -Infinity;
  for (const x of db) top = Math.max(top, x);
  v.setUint16(6, values / e.bands, true);
  v.setUint8(at, e.version);
  v.setUint8(at + 1, e.bands);
  v.setUint16(at + 2, first, true);
  v.setFloat32(at + 4, top, true);
  for (let i = 0; i < values; i++) v.setUint8(at + ENVELOPE_HEAD_BYTES + i, Math.min(255, Math.round((top - db[i]) / STEP_DB)));
}

function readEnvelope(v: DataView, at: number, stepCount: number): WireEnvelope {
  const version = v.getUint8(at);
  const bands = v.getUint8(at + 1);
  if (bands === 0) throw new WireError('envelope: 0 bands');
  if (v.byteLength !== at + ENVELOPE_HEAD_BYTES + stepCount * bands) {
    throw new WireError(`envelope: header says ${stepCount} steps of ${bands} bands (${ENVELOPE_HEAD_BYTES + stepCount * bands} bytes) but ${v.byteLength - at} bytes follow the records`);
  }
  const top = v.getFloat32(at + 4, true);
  if (!Number.isFinite(top)) throw new WireError('envelope: its top level is not a number');
  const steps = new Float32Array(stepCount * bands);
  for (let i = 0; i < steps.length; i++) steps[i] = 10 ** ((top - v.getUint8(at + ENVELOPE_HEAD_BYTES + i) * STEP_DB) / 10);
  return { version, bands, steps, firstStep: v.getUint16(at + 2, true) };
}

export function decodeHashes(body: Uint8Array): { fpVersion: number; batch: HashBatch; envelope?: WireEnvelope } {
  if (body.length < WIRE_HEADER_BYTES) throw new WireError(`body is ${body.length} bytes, shorter than the ${WIRE_HEADER_BYTES}-byte header`);
  for (let i = 0; i < 4; i++) {
    if (body[i] !== WIRE_MAGIC.charCodeAt(i)) throw new WireError('body does not start with the magic "ESH1"');
  }
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const fpVersion = v.getUint16(4, true);
  const stepCount = v.getUint16(6, true);
  const n = v.getUint32(8, true);
  const records = WIRE_HEADER_BYTES + n * WIRE_RECORD_BYTES;
  if (stepCount > 0 && body.length >= records + ENVELOPE_HEAD_BYTES) {
    const envelope = readEnvelope(new DataView(body.buffer, body.byteOffset, body.byteLength), records, stepCount);
    return { fpVersion, batch: readRecords(v, body, n), envelope };
  }
  if (body.length !== records) {
    throw new WireError(`header says ${n} records (${records} bytes${stepCount > 0 ? ` and an envelope of ${stepCount} steps` : ''}) but the body has ${body.length} bytes`);
  }
  return { fpVersion, batch: readRecords(v, body, n) };
}

function readRecords(v: DataView, body: Uint8Array, n: number): HashBatch {
  const hash = new Uint32Array(n);
  const t = new Int32Array(n);
  let o = WIRE_HEADER_BYTES;
  for (let i = 0; i < n; i++, o += 4) hash[i] = v.getUint32(o, true);
  for (let i = 0; i < n; i++, o += 4) t[i] = v.getInt32(o, true);
  const hyp = body.slice(o, o + n);
  return { hash, t, hyp };
}
