// `earshot bench peaks`: how many of the index's peaks a degraded query still finds, per
// condition, before any hashing or matching. Engine changes that aim at robustness show
// here first, without a whole accuracy run. Clips are compared as heard: a speed change
// shows as lost peaks.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Fingerprinter, frameSeconds, presets, type EngineConfig, type Peak } from '../../dsp/src/index';
import { decodeAudio, interleave } from '../../dsp/src/decode/index';
import { loadEngineModule } from '../../dsp/src/node';
import { UsageError } from '../usage';
import { parseOverrides, readJson } from './inputs';

/** A query peak reproduces an index peak within this many frames and bins. */
const NEAR = 1.5;
/** Frames left out at each end of a clip: the query's rank window is cut there. */
const EDGE = 2;
/** Time lags (frames) searched for the best alignment of a clip with its track. */
const MAX_LAG = 8;

interface Track { id: string; path: string }
interface Query { qid: string; path: string; track: string | null; offset_s: number; duration_s: number; condition: string }

async function peaksOf(module: WebAssembly.Module, path: string, config: EngineConfig): Promise<Peak[]> {
  const audio = await decodeAudio(new Uint8Array(await readFile(path)));
  const fp = await Fingerprinter.create(module, { sampleRate: audio.sampleRate, channels: audio.channels.length, config, collectPeaks: true });
  const samples = interleave(audio.channels);
  const step = (1 << 16) * audio.channels.length;
  for (let i = 0; i < samples.length; i += step) fp.push(samples.subarray(i, i + step));
  fp.flush();
  return fp.takePeaks();
}

/**
 * Index peaks the query reproduces at its best time lag: a codec's delay (an MP3 encoder
 * pads ~25 ms) would otherwise count as lost peaks.
 */
function bestAlignment(expected: Peak[], heard: Peak[]): number {
  let best = 0;
  for (let lag = -MAX_LAG; lag <= MAX_LAG; lag += 0.5) {
    const n = expected.filter((p) => heard.some((h) => Math.abs(h.t - lag - p.t) <= NEAR && Math.abs(h.f - p.f) <= NEAR)).length;
    if (n > best) best = n;
  }
  return best;
}

export async function benchPeaks(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      manifest: { type: 'string' },
      queries: { type: 'string' },
      conditions: { type: 'string' },
      duration: { type: 'string', default: '10' },
      limit: { type: 'string', default: '10' },
      'query-config': { type: 'string' },
    },
  });
  if (!values.manifest || !values.queries) throw new UsageError('needs --manifest <manifest.json> --queries <queries.json>');
  const duration = Number(values.duration);
  const limit = Number(values.limit);
  if (!(duration > 0) || !Number.isInteger(limit) || limit < 1) throw new UsageError('--duration must be > 0 s and --limit a positive integer');
  const data = dirname(dirname(resolve(values.manifest)));
  const tracks = new Map((await readJson<Track[]>(values.manifest, 'manifest')).map((t) => [t.id, t]));
  const queries = (await readJson<Query[]>(values.queries, 'queries')).filter((q) => q.track && q.duration_s === duration);
  const conditions = values.conditions?.split(',') ?? [...new Set(queries.map((q) => q.condition))].sort();
  const queryConfig = { ...presets.query, ...parseOverrides(values['query-config'], '--query-config') } as EngineConfig;
  const module = await loadEngineModule();
  const frameS = frameSeconds(presets.index);
  const indexPeaks = new Map<string, Peak[]>();

  console.log('| condition | clips | query peaks/s | index peaks found |');
  console.log('|---|---|---|---|');
  for (const condition of conditions) {
    const clips = queries.filter((q) => q.condition === condition).slice(0, limit);
    let found = 0;
    let spanned = 0;
    let queryPeaks = 0;
    for (const q of clips) {
      const track = tracks.get(q.track!);
      if (!track) throw new UsageError(`query ${q.qid}: track ${q.track} is not in the manifest`);
      if (!indexPeaks.has(track.id)) indexPeaks.set(track.id, await peaksOf(module, resolve(data, track.path), presets.index));
      const from = q.offset_s / frameS + EDGE;
      const to = (q.offset_s + q.duration_s) / frameS - EDGE;
      const heard = (await peaksOf(module, resolve(data, q.path), queryConfig)).map((p) => ({ ...p, t: p.t + q.offset_s / frameS }));
      const expected = indexPeaks.get(track.id)!.filter((p) => p.t >= from && p.t <= to);
      found += bestAlignment(expected, heard);
      spanned += expected.length;
      queryPeaks += heard.length;
    }
    const pct = spanned ? ((100 * found) / spanned).toFixed(1) : '–';
    console.log(`| ${condition} | ${clips.length} | ${(queryPeaks / (clips.length * duration || 1)).toFixed(1)} | ${pct} % of ${spanned} |`);
  }
  return 0;
}
