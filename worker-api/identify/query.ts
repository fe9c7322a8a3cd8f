// The two request forms of identify, reduced to one HashBatch.
import { decodeHashes, WireError } from '../../common/wire';
import { HASH_BITS, HASH_MAX, hypothesisOf, type HashBatch, type QueryEnvelope } from '../../dsp/src/index';
import { searchedEnvelope } from '../../common/question';
import { ApiError } from '../errors';
import { checkFpVersion } from '../fp';
import type { Body, Infer } from '../spec';
import { FRAME_MAX } from '../../common/limits';
import { HYP_MAX, type identifyJson } from './schemas';

export interface Query {
  batch: HashBatch;
  /** The query's band envelope, when the body brings one this build reads (binary form). */
  envelope?: QueryEnvelope;
}

export function queryBatch(body: Body<Infer<typeof identifyJson>>): Query {
  if (body.kind === 'binary') {
    let decoded;
    try {
      decoded = decodeHashes(body.bytes);
    } catch (err) {
      if (err instanceof WireError) throw new ApiError(400, 'malformed_body', `binary body: ${err.message}`);
      throw err;
    }
    checkFpVersion(decoded.fpVersion);
    checkRecords(decoded.batch);
    return { batch: decoded.batch, envelope: searchedEnvelope(decoded.envelope) };
  }
  if (body.kind !== 'json') throw new ApiError(415, 'unsupported_media_type', 'a body of hashes is required');
  checkFpVersion(body.value.fp_version);
  const { hash, t, hyp } = body.value.hashes;
  if (hash.length !== t.length || hash.length !== hyp.length) {
    throw new ApiError(422, 'invalid_field', `body.hashes: hash, t and hyp must have equal lengths (${hash.length}, ${t.length}, ${hyp.length})`);
  }
  const batch = { hash: Uint32Array.from(hash), t: Int32Array.from(t), hyp: Uint8Array.from(hyp) };
  checkRecords(batch);
  return { batch };
}

/**
 * The bounds the JSON schema cannot say (a hypothesis byte's index below its variant flag),
 * and for the binary form, which skips the schema, all of them.
 */
function checkRecords(b: HashBatch): void {
  for (let i = 0; i < b.hash.length; i++) {
    if (b.hash[i] > HASH_MAX) throw new ApiError(422, 'invalid_field', `record ${i}: hash ${b.hash[i]} has more than ${HASH_BITS} bits`);
    if (Math.abs(b.t[i]) > FRAME_MAX) throw new ApiError(422, 'invalid_field', `record ${i}: t ${b.t[i]} is out of range`);
    if (hypothesisOf(b.hyp[i]) > HYP_MAX) throw new ApiError(422, 'invalid_field', `record ${i}: hypothesis ${hypothesisOf(b.hyp[i])} does not exist (0..${HYP_MAX})`);
  }
}

/** Seconds of audio the as-heard records span. */
export function heardSeconds(b: HashBatch, frameS: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < b.t.length; i++) {
    if (hypothesisOf(b.hyp[i]) !== 0) continue;
    if (b.t[i] < lo) lo = b.t[i];
    if (b.t[i] > hi) hi = b.t[i];
  }
  return hi >= lo ? (hi - lo) * frameS : 0;
}
