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
