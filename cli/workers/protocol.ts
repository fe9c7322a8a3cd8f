import type { QualityMetrics } from '../../dsp/src/index';

export interface FingerprintJob {
  id: number;
  path: string;
  preset: string;
}

export type FingerprintReply =
  | {
      id: number;
      ok: true;
      hash: Uint32Array;
      t: Int32Array;
      hyp: Uint8Array;
      frames: number;
      quality: QualityMetrics;
      format: string;
      decodeMs: number;
      fingerprintMs: number;
    }
  | { id: number; ok: false; error: string; code?: string };
