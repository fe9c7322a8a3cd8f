// `earshot index`: walk, fingerprint in worker threads, upload, resume. Each of
// 2 x jobs lanes takes the next file, fingerprints it (the pool runs `jobs` at a time)
// and uploads it, so uploads overlap fingerprinting and at most 2 x jobs files are in
// memory. Uploads go one at a time: the API checks for duplicates before it inserts, so
// two near-identical files sent together would both be indexed. The API going away
// stops the lanes cleanly: what was recorded stays done. A file's embedded cover follows
// its track (ingest/artwork.ts); a refused picture is reported, never fails the file.
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiAuthError, ApiUnavailable } from '../api/client';
import { storeEnvelope } from '../../dsp/src/index';
import { fingerprintFile } from '../fingerprint';
import { apiFlags, client, jobs as jobCount } from '../options';
import { Progress } from '../progress';
import { EXIT, UsageError } from '../usage';
import { walk, type FoundFile } from '../walk';
import { FingerprintPool } from '../workers/pool';
import { uploadArtwork } from './artwork';
import { describe } from './describe';
import { loadManifest, type ManifestEntry } from './manifest';
import { trackFields } from './metadata';
import { IndexState, STATE_FILE } from './state';
import { Summary } from './summary';
import { checkAdmin, uploadTrack, type UploadResult } from './upload';

export async function indexCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...apiFlags, manifest: { type: 'string' }, jobs: { type: 'string' }, state: { type: 'string' }, force: { type: 'boolean' } },
  });
  const manifest = values.manifest ? await loadManifest(values.manifest) : new Map<string, ManifestEntry>();
  const inputs = positionals.length > 0 ? positionals : [...manifest.keys()];
  if (inputs.length === 0) throw new UsageError('index needs files or folders (or a --manifest listing them)');
  const api = client(values, true);
  const workers = jobCount(values.jobs);

  try {
    await checkAdmin(api);
  } catch (e) {
    if (e instanceof ApiAuthError) throw new UsageError(`${e.message}\n  pass the right one with --token (or EARSHOT_TOKEN); npm start keeps it in .dev.vars`);
    if (e instanceof ApiUnavailable) {
      console.error(`earshot index: the API at ${api.base} does not answer: ${e.message}`);
      return EXIT.failed;
    }
    throw e;
  }

  const found = await walk(inputs);
  for (const p of found.problems) console.error(`skipped    ${p.path}: ${p.reason}`);
  if (found.files.length === 0) throw new UsageError(`no audio files found in ${inputs.join(' ')}`);

  const stateFile = values.state ?? join(values.manifest ? dirname(resolve(values.manifest)) : process.cwd(), STATE_FILE);
  const state = new IndexState(stateFile, api.base);
  const summary = new Summary();
  const todo: FoundFile[] = [];
  for (const f of found.files) {
    if (state.lookup(f)) summary.resumed++;
    else todo.push(f);
  }
  console.error(`${found.files.length} audio files (${summary.resumed} done in earlier runs, ${found.ignored} other files ignored); state: ${stateFile}`);

  const pool = new FingerprintPool(workers);
  const progress = new Progress(todo.length);
  let stop = null as Error | null;
  let uploading: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const run = uploading.then(task);
    uploading = run.catch(() => undefined);
    return run;
  };
  let next = 0;

  const processFile = async (f: FoundFile): Promise<UploadResult | null> => {
    const fp = await fingerprintFile(pool, f.path, 'index', { cover: true });
    if (!fp.ok) return { outcome: 'skipped', reason: fp.reason };
    if (stop) return null;
    const fields = trackFields(f.path, fp.tags, manifest.get(f.path));
    const seconds = fp.quality.durationS;
    const r = await oneAtATime(async () => {
      if (stop) return null;
      const t0 = performance.now();
      const answer = await uploadTrack(api, fields, { sha1: fp.pcm.sha1, seconds, hash: fp.hash, t: fp.t, envelope: storeEnvelope(fp.envelope) }, Boolean(values.force));
      const cover = fp.tags.cover;
      if (cover && (answer.outcome === 'created' || answer.outcome === 'exists')) {
        const art = await uploadArtwork(api, answer.track, cover, answer.outcome === 'created');
        summary.addArtwork(f.path, art);
        if (art.outcome === 'refused') console.error(`no cover   ${f.path}: ${art.reason}`);
      }
      summary.uploadS += (performance.now() - t0) / 1000;
      return answer;
    });
    if (r === null) return null;
    summary.decodeS += fp.decodeMs / 1000;
    summary.fingerprintS += fp.fingerprintMs / 1000;
    summary.audioSeconds += seconds;
    if (r.outcome !== 'failed') state.record(f, r, { sha1: fp.pcm.sha1, seconds });
    return r;
  };

  const lane = async () => {
    while (!stop && next < todo.length) {
      const f = todo[next++];
      let r: UploadResult | null;
      try {
        r = await processFile(f);
      } catch (e) {
        if (!(e instanceof ApiUnavailable || e instanceof ApiAuthError)) throw e;
        stop ??= e;
        r = null;
      }
      if (r === null) {
        summary.notStarted++;
        continue;
      }
      if (r.outcome === 'skipped') state.record(f, r);
      summary.add(f.path, r);
      progress.tick(r.outcome === 'created' && progress.quiet ? undefined : describe(f.path, r));
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(2 * workers, todo.length) }, lane));
  } finally {
    progress.finish();
    state.close();
    await pool.close();
  }
  summary.notStarted += todo.length - next;
  console.log(summary.report());
  if (stop instanceof ApiAuthError) {
    console.error(`earshot index: ${stop.message}`);
    return EXIT.usage;
  }
  if (stop) {
    console.error(`earshot index: stopped, the API is unavailable (${stop.message}).\nRun the same command again to resume: finished files are recorded in ${stateFile}.`);
    return EXIT.failed;
  }
  return summary.failed.length > 0 ? EXIT.failed : EXIT.ok;
}
