// An identify question as the app sends it: the records heard so far, fitted to one request
// body beside the band envelope (the API's second look when the hashes are not confident).
// The app's engine (web/src/lib/engine-core.ts), `earshot identify` (cli/identify) and the
// benchmarks that ask as the app does (bench/engine/looks.ts, bench/api) all pack it here, so
// what the CLI asks and the benchmarks measure is what the app sends.
import { clipProblem, ENVELOPE, ENVELOPE_VERSION, fitRecords, FP_VERSION, queryEnvelope, searchedSteps, type ClipProblem, type GrowingClip, type HashBatch, type HeardSteps, type QualityMetrics, type QueryEnvelope } from '../dsp/src/index';
import { IDENTIFY_MAX_BYTES } from './limits';
import { encodeHashes, WIRE_FIRST_STEP_MAX, wireEnvelopeBytes, wireRecordsIn, type WireEnvelope } from './wire';

/**
 * The body for `batches` (as many records as fit beside the envelope: fitRecords) and the
 * envelope's steps `heard`, the last of them the API searches.
 */
export function questionBody(batches: readonly HashBatch[], heard: HeardSteps, maxBytes = IDENTIFY_MAX_BYTES): Uint8Array {
  const searched = searchedSteps(heard);
  // an envelope that starts past what the wire can say (over half an hour in) is left out: the records still ask
  const envelope: WireEnvelope | undefined = searched.firstStep <= WIRE_FIRST_STEP_MAX ? { version: ENVELOPE_VERSION, bands: ENVELOPE.bands, ...searched } : undefined;
  return encodeHashes(fitRecords(batches, wireRecordsIn(maxBytes, wireEnvelopeBytes(envelope))), FP_VERSION, envelope);
}

/** A question ready to send, or the reason there is none yet. */
export type Question = { quality: QualityMetrics; problem: ClipProblem; body: null } | { quality: QualityMetrics; problem: null; body: Uint8Array };

/** The body for everything `clip` heard so far, as if it ended there, or why it is not worth asking about yet. */
export async function clipQuestion(clip: GrowingClip, maxBytes = IDENTIFY_MAX_BYTES): Promise<Question> {
  const quality = clip.quality();
  const batches = await clip.asIfEnded();
  const problem = clipProblem(quality, batches.reduce((n, b) => n + b.hash.length, 0));
  if (problem) return { quality, problem, body: null };
  return { quality, problem: null, body: questionBody(batches, clip.envelope(), maxBytes) };
}

/** The envelope a body brought, as the matcher searches it; one of another version or layout is left unread (the hashes still answer). */
export function searchedEnvelope(e: WireEnvelope | undefined): QueryEnvelope | undefined {
  return e && e.version === ENVELOPE_VERSION && e.bands === ENVELOPE.bands ? queryEnvelope(e.steps, e.firstStep) : undefined;
}
