// POST /api/recognize: a file in, TuneScout's answer out. The file is decoded and
// fingerprinted as it arrives; `start` and `duration` cut it first, as TuneScout does with
// ffmpeg. Fields sent before the file (Python requests) let decoding stop at the window's
// end; fields after it (TuneScout's web UI) mean the whole file is heard, then cut.
import type { Context } from 'hono';
import { cutBatch, defaultMatchOptions, frameSeconds, presets, type HashBatch } from '../../dsp/src/index';
import type { RecognizeResponse } from '../../common/tunescout-types';
import type { AppEnv } from '../env';
import { identifyBatch } from '../identify/run';
import { logQuery } from '../stats/log';
import { tuneScoutConfig, type TuneScoutConfig } from './config';
import { NO_FILE, TuneScoutFailure } from './errors';
import { listenToUpload } from './listen';
import { dejavuResults, newToken, storeAnswer } from './results';
import { openForm, seconds, uploadFailure } from './upload';

const FIELD_MAX_BYTES = 64;
const FRAMES_PER_S = 1 / frameSeconds(presets.query);

interface Cut {
  start: number | null;
  duration: number | null;
}

/** [from, until) in seconds of the file; until null = to its end (max_duration 0). */
function windowOf({ start, duration }: Cut, cfg: TuneScoutConfig): { from: number; until: number | null } {
  const from = start ?? 0;
  const limit = cfg.maxDurationS > 0 ? cfg.maxDurationS : Infinity;
  const span = Math.min(duration ?? Infinity, limit);
  return { from, until: Number.isFinite(span) ? from + span : null };
}

async function heardQuery(c: Context<AppEnv>, cfg: TuneScoutConfig): Promise<HashBatch> {
  const form = openForm(c.req.raw, cfg);
  const cut: Cut = { start: null, duration: null };
  let heard: HashBatch | null = null;
  let cutWhileHearing = false;
  for (let part = await form.next(); part; part = await form.next()) {
    if (part.name === 'start' || part.name === 'duration') {
      const value = seconds(part.name, await form.text(FIELD_MAX_BYTES));
      if (part.name === 'duration' && value === 0) throw new TuneScoutFailure(400, 'Bad request: duration must be more than 0 seconds');
      cut[part.name] = value;
    } else if (part.name === 'file' && heard === null) {
      cutWhileHearing = cut.start !== null || cut.duration !== null;
      const w = cutWhileHearing ? windowOf(cut, cfg) : { from: 0, until: null };
      heard = (await listenToUpload(form.body(), { preset: 'query', fromS: w.from, untilS: w.until, digest: false })).hashes;
      // Python requests puts its fields first: nothing after the file can change the window
      if (cutWhileHearing) {
        await form.discard();
        break;
      }
    }
  }
  if (heard === null) throw new TuneScoutFailure(400, NO_FILE);
  if (cutWhileHearing) return heard;
  const w = windowOf(cut, cfg);
  return cutBatch(heard, w.from * FRAMES_PER_S, w.until === null ? Infinity : w.until * FRAMES_PER_S, presets.query);
}

export async function recognize(c: Context<AppEnv>): Promise<Response> {
  const started = performance.now();
  const cfg = tuneScoutConfig(c.env);
  let query: HashBatch;
  try {
    query = await heardQuery(c, cfg);
  } catch (err) {
    uploadFailure(err, cfg);
  }
  const asHeard = query.hyp.reduce((n, h) => n + (h === 0 ? 1 : 0), 0);
  const run = asHeard > 0 ? await identifyBatch(c.env, query) : null;
  // /stats counts every identification, whichever door it came through
  const ms = Math.round((performance.now() - started) * 10) / 10;
  c.executionCtx.waitUntil(logQuery(c.env.CATALOG, run?.matched ? 'match' : 'no_match', ms).catch((e) => console.error('logQuery', String(e))));
  if (!run?.matched) return c.json<RecognizeResponse>({ status: 'success', results: [] });
  const confident = run.named.filter((m) => m.confidence >= defaultMatchOptions.threshold);
  const answer = { token: newToken(), results: await dejavuResults(c.env, confident, asHeard), status: 'success' as const };
  await storeAnswer(c.env, answer);
  return c.json<RecognizeResponse>(answer);
}
