// Shapes shared by the Worker API, the web app and the CLI.

export interface TrackMeta {
  id: number;
  external_id: string | null;
  title: string;
  artist: string | null;
  album: string | null;
  isrc: string | null;
}

export type IdentifyStatus = 'match' | 'no_match' | 'need_more';

export interface IdentifyMatch {
  track: TrackMeta;
  /** Calibrated: the probability that this is not chance, in [0, 1]. */
  confidence: number;
  /** Where in the track the query starts, seconds. */
  offset_s: number;
  /** Playback speed relative to the catalog (1 = as indexed). */
  speed: number;
}

export interface IdentifyResponse {
  status: IdentifyStatus;
  matches: IdentifyMatch[];
  token: string;
  fp_version: number;
  /** True when a shard of the index could not be read: the answer may miss a track. */
  degraded: boolean;
  source: 'local' | 'acrcloud' | 'hybrid';
  ms: number;
}

export interface ApiError {
  error: { code: string; message: string };
}

// ---- Catalog (POST/GET/DELETE /api/v1/tracks) ----

/** A catalog row as GET /tracks and GET /tracks/:id return it. */
export interface TrackRecord extends TrackMeta {
  duration_s: number;
  hash_count: number;
  content_sha1: string;
  fp_version: number;
  created_at: string;
}

/**
 * POST /api/v1/tracks (Authorization: Bearer <ADMIN_TOKEN>, Content-Type: application/json).
 * `hashes` are index-side records (preset `index`, hypothesis 0) as parallel arrays.
 */
export interface IngestRequest {
  title: string;
  artist?: string | null;
  album?: string | null;
  isrc?: string | null;
  external_id?: string | null;
  duration_s: number;
  /** SHA-1 of the audio file's bytes, 40 hex digits: ingest is idempotent by it. */
  content_sha1: string;
  fp_version: number;
  hashes: { hash: number[]; t: number[] };
  /** Index even when the catalog already holds the same audio. */
  force?: boolean;
  /**
   * A track too long for one request (8 MB) is sent as chunks 0..count-1, in order, each with
   * the same metadata and content_sha1 and its own slice of the records.
   */
  chunk?: { index: number; count: number };
}

/** >= 0.95 identical; 0.80-0.95 same recording, other encoding; 0.60-0.80 related version. */
export type SimilarityClass = 'identical' | 'same_recording' | 'related_version' | 'different';

export interface DuplicateOf {
  track: TrackMeta;
  /** Share of the new track's hashes found at one consistent offset in `track`, in [0, 1]. */
  similarity: number;
  class: SimilarityClass;
}

/**
 * 201 `created`: indexed. 200 `exists`: this content_sha1 (or external_id with the same
 * content) is already in the catalog; nothing was written. 200 `duplicate`: the same audio
 * is in the catalog under another file; nothing was written unless `force`.
 */
export type IngestResponse =
  | { status: 'created'; track: TrackRecord; duplicate_of: DuplicateOf | null }
  | { status: 'exists'; track: TrackRecord }
  | { status: 'duplicate'; duplicate_of: DuplicateOf };

/**
 * What a request with `chunk` may also get: 202 `partial`, a chunk was stored; send chunk
 * `chunks_done` next (the track stays invisible until the last chunk).
 */
export type IngestChunkResponse = IngestResponse | { status: 'partial'; track_id: number; chunks_done: number; chunk_count: number };

export interface TrackList {
  tracks: TrackRecord[];
  total: number;
  limit: number;
  offset: number;
}

// ---- GET /api/v1/stats ----
export interface StatsResponse {
  tracks: number;
  hours: number;
  hash_rows: number;
  /** Bytes of the hash index over every shard, and per hour of indexed audio. */
  index_bytes: number;
  index_bytes_per_hour: number;
  shards: number;
  identify: { count: number; match_rate: number; p50_ms: number; p95_ms: number };
  /** Songs named, by where the answer came from (local: the catalog; acrcloud, hybrid: the fallback). */
  matches_by_source: { local: number; acrcloud: number; hybrid: number };
  degraded: boolean;
}

// ---- Partner keys (/api/v1/keys, admin) ----

export interface PartnerKey {
  id: string;
  name: string;
  /** Exact origins (`scheme://host[:port]`) whose pages may use the key. */
  origins: string[];
  rate_limit_per_min: number;
  /** Requests per UTC day. */
  daily_quota: number;
  /** The key's pages may send audio to the fallback identifier. */
  allow_audio: boolean;
  created_at: string;
  rotated_at: string | null;
  /** After a rotation, the previous key works until then. */
  previous_key_valid_until: string | null;
  revoked_at: string | null;
}

/** The answer to creating or rotating a key: the only time the key itself is shown. */
export interface PartnerKeyIssued extends PartnerKey {
  key: string;
}

export interface KeyDayUsage {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Requests let in. */
  requests: number;
  matches: number;
  /** Requests refused: foreign origin, rate limit or quota. */
  refusals: number;
}

export interface KeyUsage {
  id: string;
  days: KeyDayUsage[];
}

// ---- The ACRCloud fallback (POST /api/v1/identify/fallback) ----

/** A recording as ACRCloud named it. */
export interface ExternalRecording {
  title: string;
  artist: string | null;
  album: string | null;
  acrid: string;
  /** ACRCloud's score, 0-100. */
  score: number | null;
  offset_s: number | null;
  duration_s: number | null;
  label: string | null;
  release_date: string | null;
  isrc: string | null;
  upc: string | null;
}

export interface FallbackResponse {
  status: 'match' | 'no_match';
  /** local: the catalog was sure already; acrcloud: ACRCloud named it; hybrid: both name the same recording. */
  source: 'local' | 'acrcloud' | 'hybrid';
  recording: ExternalRecording | null;
  /** The catalog's best guess for the same audio (confident when source is local). */
  local: IdentifyMatch | null;
  /** Answered from the cache of earlier samples: no ACRCloud call made. */
  cached: boolean;
  tries: number;
  ms: number;
}
