import type { QualityMetrics } from '../../dsp/src/index';
import type { AudioSignature } from '../../common/similarity';
import type { Tags } from '../tags/index';

export interface FingerprintJob {
  id: number;
  path: string;
  preset: string;
  /** Parameter overrides on top of the preset (tuning runs). */
  overrides?: Record<string, unknown>;
  /** The stretch of the file to fingerprint (seconds); the whole file when absent. */
  window?: FileWindow;
  /** Read the front cover picture too (tags.cover): only ingest uploads it. */
  cover?: boolean;
}

export interface FileWindow {
  fromS: number;
  /** null: to the end of the file. */
  untilS: number | null;
}

export type JobOptions = Pick<FingerprintJob, 'overrides' | 'window' | 'cover'>;

export type FingerprintReply =
  | {
      id: number;
      ok: true;
      hash: Uint32Array;
      t: Int32Array;
      hyp: Uint8Array;
      frames: number;
      /** The band envelope's steps (dsp engine.ts takeEnvelope). */
      envelope: Float32Array;
      quality: QualityMetrics;
      format: string;
      /** The decoded audio: its SHA-1 as 16-bit PCM (the catalog's content_sha1, dsp pcm.ts), rate and channels. */
      pcm: AudioSignature;
      tags: Tags;
      decodeMs: number;
      fingerprintMs: number;
    }
  | { id: number; ok: false; error: string; code?: string };
