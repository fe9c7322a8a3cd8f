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
import { UsageError } from '../../cli/usage';
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

/** The query peak nearest in time to `p` within NEAR bins and MAX_LAG frames, at time lag `lag`. */
function nearest(p: Peak, heard: Peak[], lag: number): Peak | null {
  let best: Peak | null = null;
  for (const h of heard) {
    if (Math.abs(h.f - p.f) > NEAR || Math.abs(h.t - lag - p.t) > MAX_LAG) continue;
    if (!best || Math.abs(h.t - lag - p.t) < Math.abs(best.t - lag - p.t)) best = h;
  }
  return best;
}

/**
 * The time lag at which the query reproduces most index peaks: a codec's delay (an MP3
 * encoder pads ~25 ms) would otherwise count as lost peaks.
 */
function bestAlignment(expected: Peak[], heard: Peak[]): { lag: number; found: number } {
  let best = { lag: 0, found: 0 };
  for (let lag = -MAX_LAG; lag <= MAX_LAG; lag += 0.5) {
    const found = expected.filter((p) => heard.some((h) => Math.abs(h.t - lag - p.t) <= NEAR && Math.abs(h.f - p.f) <= NEAR)).length;
    if (found > best.found) best = { lag, found };
  }
  return best;
}

/**
 * Landmarks the index could make from consecutive peaks (each with its next `fanout` in the zone)
 * whose two peaks the query has too, and how far their time gap moved: reverberation
 * keeps peaks but moves them in time, which hashes do not forgive.
 */
function gapsKept(expected: Peak[], heard: Peak[], lag: number, cfg: EngineConfig): { pairs: number; both: number; exact: number; near: number } {
  const match = expected.map((p) => nearest(p, heard, lag));
  const r = { pairs: 0, both: 0, exact: 0, near: 0 };
  expected.forEach((a, i) => {
    for (let j = i + 1, n = 0; j < expected.length && n < cfg.fanout; j++) {
      const b = expected[j];
      if (b.t - a.t < cfg.dtMin || Math.abs(b.f - a.f) > cfg.dfMax) continue;
      if (b.t - a.t > cfg.dtMax) break;
      n++;
      r.pairs++;
      const [ma, mb] = [match[i], match[j]];
      if (!ma || !mb) continue;
      r.both++;
      const moved = Math.abs(mb.t - ma.t - (b.t - a.t));
      if (moved <= 0.5) r.exact++;
      if (moved <= 2) r.near++;
    }
  });
  return r;
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
      'index-config': { type: 'string' },
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
  const indexConfig = { ...presets.index, ...parseOverrides(values['index-config'], '--index-config') } as EngineConfig;
  const module = await loadEngineModule();
  const frameS = frameSeconds(indexConfig);
  const indexPeaks = new Map<string, Peak[]>();

  console.log('| condition | clips | query peaks/s | index peaks found | landmarks: both peaks found | gap within ±0.5 frame | within ±2 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const condition of conditions) {
    const clips = queries.filter((q) => q.condition === condition).slice(0, limit);
    let found = 0;
    let spanned = 0;
    let queryPeaks = 0;
    const gaps = { pairs: 0, both: 0, exact: 0, near: 0 };
    for (const q of clips) {
      const track = tracks.get(q.track!);
      if (!track) throw new UsageError(`query ${q.qid}: track ${q.track} is not in the manifest`);
      if (!indexPeaks.has(track.id)) indexPeaks.set(track.id, await peaksOf(module, resolve(data, track.path), indexConfig));
      const from = q.offset_s / frameS + EDGE;
      const to = (q.offset_s + q.duration_s) / frameS - EDGE;
      const heard = (await peaksOf(module, resolve(data, q.path), queryConfig)).map((p) => ({ ...p, t: p.t + q.offset_s / frameS }));
      const expected = indexPeaks.get(track.id)!.filter((p) => p.t >= from && p.t <= to);
      const aligned = bestAlignment(expected, heard);
      found += aligned.found;
      const g = gapsKept(expected, heard, aligned.lag, indexConfig);
      for (const k of ['pairs', 'both', 'exact', 'near'] as const) gaps[k] += g[k];
      spanned += expected.length;
      queryPeaks += heard.length;
    }
    const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)} %` : '–');
    const rate = (queryPeaks / (clips.length * duration || 1)).toFixed(1);
    console.log(`| ${condition} | ${clips.length} | ${rate} | ${pct(found, spanned)} of ${spanned} | ${pct(gaps.both, gaps.pairs)} of ${gaps.pairs} | ${pct(gaps.exact, gaps.pairs)} | ${pct(gaps.near, gaps.pairs)} |`);
  }
  return 0;
}
