// An identify question as the app sends it: the records heard so far, fitted to one request
// body beside the band envelope (the API's second look when the hashes are not confident).
// The app's engine (web/src/lib/engine-core.ts), `earshot identify` (cli/identify) and the
// benchmarks that ask as the app does (bench/engine/looks.ts, bench/api) all pack it here, so
// what the CLI asks and the benchmarks measure is what the app sends.
import { ENVELOPE, ENVELOPE_VERSION, fitRecords, FP_VERSION, type HashBatch } from '../dsp/src/index';
import { IDENTIFY_MAX_BYTES } from './limits';
import { encodeHashes, wireEnvelopeBytes, wireRecordsIn, type WireEnvelope } from './wire';

/** The body for `batches` (as many records as fit beside the envelope: fitRecords) and the envelope's `steps` heard. */
export function questionBody(batches: readonly HashBatch[], steps: Float32Array, maxBytes = IDENTIFY_MAX_BYTES): Uint8Array {
  const envelope: WireEnvelope = { version: ENVELOPE_VERSION, bands: ENVELOPE.bands, steps };
  return encodeHashes(fitRecords(batches, wireRecordsIn(maxBytes, wireEnvelopeBytes(envelope))), FP_VERSION, envelope);
}
