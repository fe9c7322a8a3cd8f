// `earshot bench latency`: how much audio the engine needs before it names a clip. Each
// query is streamed through the query preset in steps of `--step` seconds, as the app's
// capture feeds it; after each step, what the app would send (everything final so far,
// fitted to one identify body, once the clip is worth asking about) is matched in process.
// Questions go out as the app sends them (the first as soon as the clip is worth asking
// about, then on the app's ASK_SCHEDULE, or every --interval seconds), each counted as a
// look (match's `looks`).
// Reports the audio time of the first right answer, and every wrong answer met on the
// way: the app settles on the first answer it gets, so an early wrong one is a false answer.
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeHashes } from '../../common/wire';
import { searchedEnvelope } from '../../common/question';
import { decodeWav, interleave } from '../../dsp/src/decode/index';
import { GrowingClip, MemoryIndex, match, presets, WasmCorrelator, type EngineConfig } from '../../dsp/src/index';
import { loadEngineModule } from '../../dsp/src/node';
import { UsageError } from '../../cli/usage';
import { FingerprintPool } from '../../cli/workers/pool';
import { buildIndex, type Track } from './index-build';
import { appSteps } from './looks';
import { parseOverrides, readJson } from './inputs';

interface Query {
  qid: string;
  path: string;
  track: string | null;
  duration_s: number;
  condition: string;
}

interface Timeline {
  qid: string;
  condition: string;
  duration_s: number;
  /** Audio seconds when the first hashes were final. */
  first_hashes_s: number | null;
  /** Audio seconds when the first answer came, and whether it was right. */
  answer_s: number | null;
  right: boolean | null;
  /** Questions asked until the answer (or the end). */
  looks: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export async function benchLatency(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      manifest: { type: 'string' },
      queries: { type: 'string' },
      out: { type: 'string' },
      'index-cache': { type: 'string' },
      conditions: { type: 'string' },
      durations: { type: 'string' },
      limit: { type: 'string' },
      step: { type: 'string' },
      interval: { type: 'string' },
      'no-looks': { type: 'boolean' },
      'no-envelope': { type: 'boolean' },
      'looks-log': { type: 'boolean' },
      'query-config': { type: 'string' },
    },
  });
  if (!values.manifest || !values.queries) throw new UsageError('needs --manifest <manifest.json> --queries <queries.json>');
  const stepS = values.step ? Number(values.step) : 0.25;
  if (!(stepS >= 0.05 && stepS <= 5)) throw new UsageError('--step must be 0.05 to 5 seconds');
  // the app's schedule, or one fixed interval to compare it with
  const fixedS = values.interval === undefined ? null : Number(values.interval);
  if (fixedS !== null && !(fixedS >= 0 && fixedS <= 10)) throw new UsageError('--interval must be 0 to 10 seconds');
  const data = resolve(dirname(dirname(resolve(values.manifest))));
  const manifest = await readJson<Track[]>(values.manifest, 'manifest');
  const anyFlag = manifest.some((t) => 'indexed' in t);
  const tracks = manifest.filter((t) => !anyFlag || t.indexed === true);
  let queries = await readJson<Query[]>(values.queries, 'queries');
  if (values.conditions) {
    const keep = new Set(values.conditions.split(','));
    queries = queries.filter((q) => keep.has(q.condition) || (!q.track && keep.has('negatives')));
  }
  if (values.durations) {
    const keep = new Set(values.durations.split(',').map(Number));
    queries = queries.filter((q) => keep.has(q.duration_s));
  }
  if (values.limit) queries = queries.slice(0, Number(values.limit));
  const config = { ...presets.query, ...parseOverrides(values['query-config'], '--query-config') } as EngineConfig;

  const pool = new FingerprintPool(availableParallelism());
  const { list } = await buildIndex(pool, data, tracks, values['index-cache']).finally(() => pool.close());
  const index = new MemoryIndex();
  list.forEach((l, i) => index.add(i, l.hash, l.t, l.frames, l.envelope));
  const module = await loadEngineModule();
  const correlator = await WasmCorrelator.create(module);

  const timelines: Timeline[] = [];
  for (const q of queries) {
    const audio = decodeWav(new Uint8Array(await readFile(resolve(data, q.path))));
    const samples = interleave(audio.channels);
    const ch = audio.channels.length;
    const clip = await GrowingClip.create(module, { sampleRate: audio.sampleRate, channels: ch, config });
    const tl: Timeline = { qid: q.qid, condition: q.condition, duration_s: q.duration_s, first_hashes_s: null, answer_s: null, right: null, looks: 0 };
    for await (const { heardS, records, ask } of appSteps(clip, samples, ch, audio.sampleRate, stepS, fixedS)) {
      if (records > 0) tl.first_hashes_s ??= heardS;
      if (!ask) continue;
      tl.looks++;
      const looks = values['no-looks'] ? 1 : values['looks-log'] ? 1 + Math.log2(tl.looks) : tl.looks;
      // read as the API reads the app's body (--no-envelope: as a build before the envelope would)
      const { batch, envelope: sent } = decodeHashes(ask);
      const envelope = values['no-envelope'] ? undefined : searchedEnvelope(sent);
      const m = await match(index, batch, { top: 3, looks, verify: { correlator } }, envelope);
      if (m.status === 'match') {
        tl.answer_s = heardS;
        tl.right = list[m.candidates[0].track].id === q.track;
        break;
      }
    }
    timelines.push(tl);
  }
  if (values.out) await writeFile(values.out, timelines.map((t) => JSON.stringify(t)).join('\n') + '\n');

  const rows = ['| condition | clip s | clips | named | wrong | first hashes p50 s | answer p50 / p90 s |', '|---|---|---|---|---|---|---|'];
  const groups = new Map<string, Timeline[]>();
  for (const t of timelines) groups.set(`${t.condition}|${t.duration_s}`, [...(groups.get(`${t.condition}|${t.duration_s}`) ?? []), t]);
  for (const [key, ts] of [...groups].sort()) {
    const [condition, dur] = key.split('|');
    const firsts = ts.flatMap((t) => (t.first_hashes_s === null ? [] : [t.first_hashes_s])).sort((a, b) => a - b);
    const answers = ts.flatMap((t) => (t.right ? [t.answer_s!] : [])).sort((a, b) => a - b);
    const wrong = ts.filter((t) => t.right === false).length;
    const fmt = (xs: number[], q: number) => (xs.length ? quantile(xs, q).toFixed(2) : '–');
    rows.push(`| ${condition} | ${dur} | ${ts.length} | ${answers.length} | ${wrong} | ${fmt(firsts, 0.5)} | ${fmt(answers, 0.5)} / ${fmt(answers, 0.9)} |`);
  }
  console.log(rows.join('\n'));
  return 0;
}
