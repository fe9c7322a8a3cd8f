// Shapes shared by the Worker API, the web app and the CLI.
import type { MatchEvidence } from '../dsp/src/index';

export interface TrackMeta {
  id: number;
  external_id: string | null;
  title: string;
  artist: string | null;
  album: string | null;
  isrc: string | null;
  /**
   * Release year, null when unknown. The API always sends it (its schema requires it); it is
   * optional here for tracks named elsewhere: the fallback's, history kept before years.
   */
  year?: number | null;
}

/** In this order in a result token (worker-api/results/token.ts): append, never reorder. */
export const IDENTIFY_STATUSES = ['match', 'no_match', 'need_more'] as const;
export type IdentifyStatus = (typeof IDENTIFY_STATUSES)[number];

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
  /** With a local match: what named it (dsp matcher's MatchEvidence). */
  evidence?: MatchEvidence;
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
  /**
   * The cover picture's version (a content hash), null when the track has none. Either way
   * common/artwork.ts artworkPath() answers a picture (a placeholder when null).
   */
  artwork: string | null;
}

/**
 * POST /api/v1/tracks (Authorization: Bearer <ADMIN_TOKEN>, Content-Type: application/json).
 * `hashes` are index-side records (preset `index`, hypothesis 0) as parallel arrays.
 */
/** A track's stored band envelope (dsp storeEnvelope) in its version (dsp ENVELOPE_VERSION), base64url without padding. */
export interface EnvelopeField {
  version: number;
  data: string;
}

export interface IngestRequest {
  title: string;
  artist?: string | null;
  album?: string | null;
  isrc?: string | null;
  external_id?: string | null;
  /** Release year, 1000..2100. */
  year?: number | null;
  duration_s: number;
  /**
   * SHA-1 of the decoded audio as 16-bit PCM, channels interleaved (`contentSha1` in dsp), 40
   * lower-case hex digits: ingest is idempotent by it, whatever the container or the tags.
   */
  content_sha1: string;
  fp_version: number;
  hashes: { hash: number[]; t: number[] };
  /** The track's band envelope, read with chunk 0. */
  envelope?: EnvelopeField | null;
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
  /** Share of each recording's audio that alignment covers, in [0, 1] (common/similarity.ts). */
  coverage: { new: number; existing: number };
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

// ---- Radio monitoring (/api/v1/stations, /api/v1/plays.csv; docs/monitoring.md) ----

export type CaptureMode = 'windows' | 'continuous';

export interface CaptureSettings {
  mode: CaptureMode;
  /** Seconds of audio matched as one window. */
  window_s: number;
  /** windows mode: a capture starts every every_s seconds (connect, hear window_s, disconnect). */
  every_s: number;
  /** continuous mode: consecutive windows share overlap_s seconds of audio. */
  overlap_s: number;
}

/**
 * starting: created or resumed, first capture pending; listening: the last capture worked;
 * reconnecting: the stream dropped or failed, the next attempt is scheduled with backoff;
 * alert: several captures in a row failed; unsupported_format: the stream is audio we cannot
 * decode (AAC); paused.
 */
export type StationState = 'starting' | 'listening' | 'reconnecting' | 'alert' | 'unsupported_format' | 'paused';

export interface StationHealth {
  state: StationState;
  /** A capture is reading the stream right now. */
  connected: boolean;
  /** ISO time of the last audio received, null before any. */
  last_audio_at: string | null;
  bytes_received: number;
  seconds_received: number;
  captures_ok: number;
  captures_failed: number;
  /** captures_ok / (captures_ok + captures_failed), null before any capture. */
  capture_success_rate: number | null;
  /** Milliseconds from a window's last sample to its match answer: the last one and the mean. */
  detection_latency_ms: { last: number | null; mean: number | null };
  reconnects: number;
  consecutive_failures: number;
  /** ISO time of the next capture or reconnect attempt, null when paused. */
  next_capture_at: string | null;
  /** The last failure, in words (null once a capture works again). */
  last_error: string | null;
  /** The stream's own description: format, icy-name, the last StreamTitle it sent. */
  stream: { format: string | null; name: string | null; title: string | null };
}

export interface Station {
  id: string;
  name: string;
  url: string;
  capture: CaptureSettings;
  paused: boolean;
  created_at: string;
}

export interface StationStatus extends Station {
  health: StationHealth;
  /** The play still going on (open), if any. */
  now_playing: Play | null;
}

export interface Play {
  id: string;
  station_id: string;
  station_name: string;
  /** null once the track was deleted from the catalog; title/artist/isrc are kept as they were. */
  track_id: number | null;
  title: string;
  artist: string | null;
  isrc: string | null;
  /** ISO times (UTC) of the play's first and last second on air. */
  start: string;
  end: string;
  duration_s: number;
  /** The best window's calibrated confidence. */
  confidence: number;
  /** Playback speed against the catalog (1.03: played 3 % fast). */
  speed: number;
  /** Windows that heard it. */
  detections: number;
  /** Still on air (the last window heard it). */
  open: boolean;
  /** What interrupted the play, e.g. "stream dropped for 4 s, reconnected". */
  notes: string[];
}

export interface PlayList {
  plays: Play[];
  /** Pass as ?cursor= for the next (older) page; null at the end. */
  next_cursor: string | null;
}

/** Messages of the live feed (WebSocket /api/v1/stations/:id/live), JSON text frames. */
export type LiveMessage =
  | { type: 'hello'; station: StationStatus }
  | { type: 'health'; station_id: string; health: StationHealth }
  | { type: 'now_playing'; station_id: string; play: Play | null }
  | { type: 'play'; play: Play };

/** GET /api/v1/plays/daily?days=N: plays per station per UTC day, oldest day first. */
export interface PlaysDaily {
  days: string[];
  stations: { id: string; name: string; plays: number[] }[];
}
