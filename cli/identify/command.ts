// `earshot identify`: each file fingerprinted with the query preset (in the worker pool)
// and sent to POST /identify; one line per file, or one JSON object per line with --json.
import { parseArgs } from 'node:util';
import type { IdentifyResponse } from '../../common/api-types';
import { confidenceFigure, confidenceWords, MEANINGFUL_CONFIDENCE } from '../../common/confidence-words';
import { MIN_CLIP_SECONDS } from '../../dsp/src/index';
import { ApiUnavailable, errorText } from '../api/client';
import { fingerprintFile } from '../fingerprint';
import { apiFlags, client, jobs, seconds } from '../options';
import { EXIT, UsageError } from '../usage';
import { walk } from '../walk';
import { FingerprintPool } from '../workers/pool';
import { questionBody } from '../../common/question';
import { timeline, timelineText, type TimelineOptions } from './timeline';
import { MAX_WINDOW_S, TIMELINE_HOP_S, TIMELINE_WINDOW_S } from './window';
import { LISTEN_LIMIT_S } from '../../common/limits';

export interface IdentifyLine {
  file: string;
  status: IdentifyResponse['status'] | 'skipped' | 'error';
  matches: { external_id: string | null; title: string; artist: string | null; confidence: number; offset_s: number }[];
  ms: number;
  reason?: string;
}

/** One file's answer for a person: the best candidate, and runner-ups only when they mean something. */
export function identifyText(l: IdentifyLine): string {
  const head = `${l.status.padEnd(9)} ${l.file}${l.ms ? `  (${l.ms} ms)` : ''}`;
  if (l.reason) return `${head}: ${l.reason}`;
  const shown = l.matches.filter((m, i) => i === 0 || m.confidence >= MEANINGFUL_CONFIDENCE);
  const tops = shown.map(
    (m) =>
      `\n    ${m.external_id ?? '-'}  "${m.title}"${m.artist ? ` by ${m.artist}` : ''}  ${confidenceWords(m.confidence)} (${confidenceFigure(m.confidence)})  at ${m.offset_s.toFixed(1)} s`,
  );
  return head + tops.join('');
}

export async function identifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...apiFlags,
      json: { type: 'boolean' },
      jobs: { type: 'string' },
      start: { type: 'string' },
      duration: { type: 'string' },
      timeline: { type: 'boolean' },
      window: { type: 'string' },
      hop: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new UsageError('identify needs audio files');
  const fromS = seconds(values.start, 'start', 0);
  const durationS = values.duration === undefined ? null : seconds(values.duration, 'duration', 0, MIN_CLIP_SECONDS);
  if (!values.timeline && (values.window !== undefined || values.hop !== undefined)) throw new UsageError('--window and --hop go with --timeline');
  const windowS = seconds(values.window, 'window', TIMELINE_WINDOW_S, MIN_CLIP_SECONDS, MAX_WINDOW_S);
  const span: TimelineOptions = { fromS, windowS, hopS: seconds(values.hop, 'hop', TIMELINE_HOP_S, 1) };
  // a file is heard as a listener would hear it (its first seconds), a timeline to its end
  const window = { fromS, untilS: durationS !== null ? fromS + durationS : values.timeline ? null : fromS + LISTEN_LIMIT_S };
  const found = await walk(positionals);
  const api = client(values, false);
  const pool = new FingerprintPool(Math.min(jobs(values.jobs), found.files.length || 1));
  const print = (l: IdentifyLine) => console.log(values.json ? JSON.stringify(l) : identifyText(l));
  let errors = found.problems.length;
  for (const p of found.problems) print({ file: p.path, status: 'error', matches: [], ms: 0, reason: p.reason });
  try {
    // fingerprints run ahead in the pool; answers are printed in the order the files were named
    const prints = found.files.map((f) => ({ file: f.path, fp: fingerprintFile(pool, f.path, 'query', { window }) }));
    for (const { file, fp } of prints) {
      const r = await fp;
      if (!r.ok) {
        // a file that could not be identified is a failure of the run (exit 1), as the help says
        errors++;
        print({ file, status: 'skipped', matches: [], ms: 0, reason: r.reason });
        continue;
      }
      // ms: this file's own work (decode, fingerprint, request), not its wait in the queue
      const t0 = performance.now();
      if (values.timeline) {
        try {
          const t = await timeline(api, r, span);
          const ms = Math.round(r.decodeMs + r.fingerprintMs + performance.now() - t0);
          console.log(values.json ? JSON.stringify({ file, status: 'timeline', ...t, ms }) : timelineText(file, t, span));
        } catch (e) {
          if (e instanceof ApiUnavailable) throw e;
          errors++;
          print({ file, status: 'error', matches: [], ms: 0, reason: (e as Error).message });
        }
        continue;
      }
      const answer = await api.request<IdentifyResponse>('POST', '/identify', { binary: questionBody([r], { steps: r.envelope, firstStep: 0 }) });
      const ms = Math.round(r.decodeMs + r.fingerprintMs + performance.now() - t0);
      if (answer.status !== 200) {
        errors++;
        print({ file, status: 'error', matches: [], ms, reason: errorText(answer) });
        continue;
      }
      const matches = answer.body.matches.map((m) => ({
        external_id: m.track.external_id, title: m.track.title, artist: m.track.artist, confidence: m.confidence, offset_s: m.offset_s,
      }));
      print({ file, status: answer.body.status, matches, ms });
    }
  } catch (e) {
    if (!(e instanceof ApiUnavailable)) throw e;
    console.error(`earshot identify: the API at ${api.base} does not answer: ${e.message}`);
    return EXIT.failed;
  } finally {
    await pool.close();
  }
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
