// POST /api/fingerprint: a file in, a catalog track out (its name is the file name's stem,
// as TuneScout names songs). The same decoded audio twice is 409, and so is the same
// recording in another encoding (Earshot's duplicate check); a related version is indexed.
import type { Context } from 'hono';
import { clipProblem, clipProblemMessages, FP_VERSION } from '../../dsp/src/index';
import type { FingerprintResponse } from '../../common/tunescout-types';
import { tokenMatches } from '../auth';
import type { AppEnv } from '../env';
import { ingest, type IngestBody } from '../tracks/ingest';
import { INGEST_MAX_RECORDS } from '../../common/limits';
import { tuneScoutConfig, type TuneScoutConfig } from './config';
import { NO_FILE, TuneScoutFailure } from './errors';
import { listenToUpload, type Upload } from './listen';
import { openForm, uploadFailure } from './upload';

/** TuneScout's file-name sanitising: characters unsafe in names become "_". */
export function songName(filename: string | null): string {
  const base = (filename ?? '').split(/[\\/]/).pop()!;
  const stem = base.includes('.') && !base.startsWith('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  return stem.trim().replace(/[<>:"/\\|?*`!@#$%^&(){}[\];+=,']/g, '_').slice(0, 500);
}

async function authorize(c: Context<AppEnv>, cfg: TuneScoutConfig): Promise<void> {
  // an unset token closes fingerprinting instead of opening it to anyone (TuneScout: open)
  if (!cfg.fingerprintingAllowed || !cfg.token) throw new TuneScoutFailure(401, 'Fingerprinting not allowed');
  const m = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '');
  if (!m || !(await tokenMatches(m[1], cfg.token))) throw new TuneScoutFailure(401, 'Token missing or invalid');
}

async function heardFile(c: Context<AppEnv>, cfg: TuneScoutConfig): Promise<{ name: string; heard: Upload }> {
  try {
    const form = openForm(c.req.raw, cfg);
    for (let part = await form.next(); part; part = await form.next()) {
      if (part.name !== 'file') continue;
      const name = songName(part.filename);
      if (!name) throw new TuneScoutFailure(405, 'Empty song name');
      const heard = await listenToUpload(form.body(), { preset: 'index', fromS: 0, untilS: null, digest: true });
      await form.discard();
      return { name, heard };
    }
  } catch (err) {
    uploadFailure(err, cfg);
  }
  throw new TuneScoutFailure(400, NO_FILE);
}

export async function fingerprint(c: Context<AppEnv>): Promise<Response> {
  const cfg = tuneScoutConfig(c.env);
  await authorize(c, cfg);
  const { name, heard } = await heardFile(c, cfg);
  const problem = clipProblem(heard.quality, heard.hashes.hash.length);
  if (problem) throw new TuneScoutFailure(422, `Failed to process input file: ${clipProblemMessages[problem]}`);
  if (heard.hashes.hash.length > INGEST_MAX_RECORDS) throw new TuneScoutFailure(413, 'File is too long to fingerprint in one request');
  const blob_sha1 = heard.sha1!;
  const body: IngestBody = {
    title: name,
    duration_s: heard.decodedS,
    content_sha1: blob_sha1,
    fp_version: FP_VERSION,
    hashes: { hash: Array.from(heard.hashes.hash), t: Array.from(heard.hashes.t) },
  };
  let { answer } = await ingest(c.env, body);
  if (answer.status === 'duplicate' && answer.duplicate_of.class === 'related_version') ({ answer } = await ingest(c.env, { ...body, force: true }));
  if (answer.status === 'created') return c.json<FingerprintResponse>({ status: 'success', blob_sha1 });
  if (answer.status === 'exists' || answer.status === 'duplicate') throw new TuneScoutFailure(409, 'Already fingerprinted', {}, { blob_sha1 });
  throw new Error(`ingest answered ${answer.status} to a single-chunk upload`);
}
