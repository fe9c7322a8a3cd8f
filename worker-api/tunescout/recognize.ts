// POST /api/recognize: a file in, TuneScout's answer out. The file is decoded and
// fingerprinted as it arrives; `start` and `duration` cut it first, as TuneScout does with
// ffmpeg. Decoding never goes past the window's end (see heardQuery).
import type { Context } from 'hono';
import { cutBatch, defaultMatchOptions, frameSeconds, hypothesisOf, presets, queryEnvelope, stepsBetween, type HashBatch } from '../../dsp/src/index';

/** What a recognize upload's window gave: its hashes and its band envelope's steps. */
type Heard = { hashes: HashBatch; envelope: Float32Array };
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

/**
 * Compressed bytes kept while the window is unknown (fields after the file): enough for an
 * hour of 128 kb/s MP3, and with the decoders and engine within a Worker's 128 MB.
 */
export const KEEP_MAX_BYTES = 64 * 1024 * 1024;

async function* pieces(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

/**
 * The query records of the window. Fields before the file (Python requests) fix the window
 * first, and decoding stops at its end. Fields after it (the web UI): the file is heard up to
 * max_duration, the default window, while its compressed bytes are kept; if the fields then
 * ask for audio beyond that, only [0, window end) is decoded again from those bytes, never
 * the whole upload.
 */
async function heardQuery(c: Context<AppEnv>, cfg: TuneScoutConfig): Promise<Heard> {
  const form = openForm(c.req.raw, cfg);
  const cut: Cut = { start: null, duration: null };
  let heard: (Heard & { untilS: number | null }) | null = null;
  let kept: Uint8Array[] | null = null;
  for (let part = await form.next(); part; part = await form.next()) {
    if (part.name === 'start' || part.name === 'duration') {
      const value = seconds(part.name, await form.text(FIELD_MAX_BYTES));
      if (part.name === 'duration' && value === 0) throw new TuneScoutFailure(400, 'Bad request: duration must be more than 0 seconds');
      cut[part.name] = value;
    } else if (part.name === 'file' && heard === null) {
      if (cut.start !== null || cut.duration !== null) {
        // Python requests puts its fields first: nothing after the file can change the window
        const w = windowOf(cut, cfg);
        const { hashes, envelope } = await listenToUpload(form.body(), { preset: 'query', fromS: w.from, untilS: w.until, digest: false });
        await form.discard();
        return { hashes, envelope };
      }
      const head = windowOf(cut, cfg);
      // max_duration 0 hears the whole file anyway: nothing to keep
      const held: Uint8Array[] | null = head.until === null ? null : [];
      let bytes = 0;
      const hold = (piece: Uint8Array) => {
        bytes += piece.length;
        if (held && bytes <= KEEP_MAX_BYTES) held.push(piece.slice());
        else held?.splice(0);
      };
      const keep = async function* (): AsyncGenerator<Uint8Array> {
        for await (const piece of form.body()) {
          hold(piece);
          yield piece;
        }
      };
      const { hashes, envelope } = await listenToUpload(keep(), { preset: 'query', fromS: 0, untilS: head.until, digest: false });
      heard = { hashes, envelope, untilS: head.until };
      // the rest of the file, unheard, held in case a later field asks for it
      for await (const piece of form.body()) hold(piece);
      kept = held && bytes <= KEEP_MAX_BYTES ? held : null;
    }
  }
  if (heard === null) throw new TuneScoutFailure(400, NO_FILE);
  const w = windowOf(cut, cfg);
  if (heard.untilS === null || (w.until !== null && w.until <= heard.untilS)) {
    const [from, until] = [w.from * FRAMES_PER_S, w.until === null ? Infinity : w.until * FRAMES_PER_S];
    return { hashes: cutBatch(heard.hashes, from, until, presets.query), envelope: stepsBetween(heard.envelope, from, until) };
  }
  if (!kept) {
    throw new TuneScoutFailure(413, `File exceeds the ${KEEP_MAX_BYTES / (1024 * 1024)} MB that can be held when start and duration come after the file; send them before it`);
  }
  const { hashes, envelope } = await listenToUpload(pieces(kept), { preset: 'query', fromS: w.from, untilS: w.until, digest: false });
  return { hashes, envelope };
}

export async function recognize(c: Context<AppEnv>): Promise<Response> {
  const started = performance.now();
  const cfg = tuneScoutConfig(c.env);
  let heard: Heard;
  try {
    heard = await heardQuery(c, cfg);
  } catch (err) {
    uploadFailure(err, cfg);
  }
  const query = heard.hashes;
  const asHeard = query.hyp.reduce((n, h) => n + (hypothesisOf(h) === 0 ? 1 : 0), 0);
  // the server heard the audio, so the band envelope comes with the hashes, as the app's does
  const run = asHeard > 0 ? await identifyBatch(c.env, query, 1, queryEnvelope(heard.envelope)) : null;
  // /stats counts every identification, whichever door it came through
  const ms = Math.round((performance.now() - started) * 10) / 10;
  logQuery(c.env.CATALOG, c.executionCtx, { status: run?.matched ? 'match' : 'no_match', ms });
  if (!run?.matched) return c.json<RecognizeResponse>({ status: 'success', results: [] });
  const confident = run.named.filter((m) => m.confidence >= defaultMatchOptions.threshold);
  const answer = { token: newToken(), results: await dejavuResults(c.env, confident, asHeard), status: 'success' as const };
  await storeAnswer(c.env, answer);
  return c.json<RecognizeResponse>(answer);
}
