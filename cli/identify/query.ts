// What a file says to /identify: what the app would send after hearing it (common/limits.ts
// LISTEN_LIMIT_S of it unless --duration says otherwise), packed by the app's own policy
// (dsp records.ts fitRecords) into one body, with the band envelope's steps of what it heard.
import { IDENTIFY_MAX_BYTES } from '../../common/limits';
import { encodeHashes, wireEnvelopeBytes, wireRecordsIn } from '../../common/wire';
import { ENVELOPE, ENVELOPE_VERSION, fitRecords, FP_VERSION, type HashBatch } from '../../dsp/src/index';

/** The identify body of records `b` and envelope steps `steps` (dsp engine.ts takeEnvelope). */
export function question(b: HashBatch, steps: Float32Array): Uint8Array {
  const envelope = { version: ENVELOPE_VERSION, bands: ENVELOPE.bands, steps };
  return encodeHashes(fitRecords([b], wireRecordsIn(IDENTIFY_MAX_BYTES, wireEnvelopeBytes(envelope))), FP_VERSION, envelope);
}

