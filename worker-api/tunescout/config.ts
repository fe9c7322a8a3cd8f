// TuneScout's config.json, as wrangler vars and secrets (the README has the mapping).
import type { Env } from '../env';

export interface TuneScoutConfig {
  /** fingerprinting.allow */
  fingerprintingAllowed: boolean;
  /** fingerprinting.token (a secret); unset means nobody may fingerprint. */
  token: string | null;
  /** recognizing.max_duration, seconds; 0 = the whole file. */
  maxDurationS: number;
  /** recognizing.max_file_size_mb, in bytes; it bounds fingerprint uploads too. */
  maxFileBytes: number;
  /** allowed_origin */
  allowedOrigins: string[];
}

const number = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
};

export function tuneScoutConfig(env: Env): TuneScoutConfig {
  return {
    fingerprintingAllowed: ['true', '1'].includes((env.TUNESCOUT_FINGERPRINTING_ALLOW ?? '').trim().toLowerCase()),
    token: env.TUNESCOUT_TOKEN || null,
    maxDurationS: number(env.TUNESCOUT_MAX_DURATION_S, 20),
    maxFileBytes: number(env.TUNESCOUT_MAX_FILE_SIZE_MB, 100) * 1024 * 1024,
    allowedOrigins: (env.TUNESCOUT_ALLOWED_ORIGIN ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
