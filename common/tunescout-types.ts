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

/** 200 from recognize (and from fetch); nothing confident is `{ "results": [] }` alone. */
export type RecognizeResponse = { token: string; results: DejavuResult[]; status: 'Success' } | { results: [] };

export type FingerprintResponse = { status: 'Success' | 'Already fingerprinted'; blob_sha1: string };

/** Every TuneScout error: TuneScout's wording, the status says what kind. */
export interface TuneScoutError {
  error: string;
}
