// A file through the worker pool, with the reason it cannot be used when it cannot:
// decoder verdicts (empty, unsupported, corrupt), unreadable files, and the engine's clip
// verdict (too short, silent, invalid samples, no features).
import { clipProblem, clipProblemMessages, type PresetName } from '../dsp/src/index';
import type { FingerprintPool } from './workers/pool';
import type { FingerprintReply, JobOptions } from './workers/protocol';

export type Fingerprint = Extract<FingerprintReply, { ok: true }>;

export async function fingerprintFile(
  pool: FingerprintPool,
  path: string,
  preset: PresetName,
  opts: JobOptions = {},
): Promise<Fingerprint | { ok: false; reason: string }> {
  const r = await pool.run(path, preset, opts);
  if (!r.ok) return { ok: false, reason: r.code ? `${r.code}: ${r.error}` : r.error };
  const problem = clipProblem(r.quality, r.hash.length);
  if (problem) return { ok: false, reason: `${problem}: ${clipProblemMessages[problem]}` };
  return r;
}
