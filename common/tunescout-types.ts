// The TuneScout-compatible endpoints (/api/recognize, /api/fetch/<token>, /api/fingerprint):
// dejavu's field names, kept exactly so existing TuneScout clients work unchanged.

export interface DejavuResult {
  song_id: number;
  song_name: string;
  /** As-heard hashes of the input (Earshot's query records of hypothesis 0). */
  input_total_hashes: number;
  fingerprinted_hashes_in_db: number;
  /** Hashes of the input aligned with the song at `offset`. */
  hashes_matched_in_input: number;
  /** hashes_matched_in_input / input_total_hashes, 2 decimals (dejavu's rounding). */
  input_confidence: number;
  /** hashes_matched_in_input / fingerprinted_hashes_in_db, 2 decimals. */
  fingerprinted_confidence: number;
  /** Where in the song the input starts, in fingerprint frames and in seconds. */
  offset: number;
  offset_seconds: number;
  file_sha1: string;
}

/** 200 from recognize (and from fetch); nothing confident is `{ "status": "success", "results": [] }`. */
export type RecognizeResponse = { token: string; results: DejavuResult[]; status: 'success' } | { status: 'success'; results: [] };

export type FingerprintResponse = { status: 'success'; blob_sha1: string };

/**
 * Every TuneScout error, as TuneScout answers since 2025-12-25: `{ "status": "error",
 * "message" }` in its wording; `error` repeats the message for clients of the older form,
 * which read `error`. A 409 "Already fingerprinted" carries the file's `blob_sha1` too.
 */
export interface TuneScoutError {
  status: 'error';
  message: string;
  error: string;
  blob_sha1?: string;
}
