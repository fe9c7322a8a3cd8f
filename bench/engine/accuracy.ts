// `earshot bench accuracy`: decode the corpus with the npm WASM decoders, index it in
// process, answer every query, write answers in shared/bench/FORMAT.md's shape.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MemoryIndex, frameSeconds, match, presets, queryEnvelope, WasmCorrelator, type EngineConfig, type HashBatch, type MatchOptions } from '../../dsp/src/index';
import { loadEngineModule } from '../../dsp/src/node';
import { UsageError } from '../../cli/usage';
import { FingerprintPool } from '../../cli/workers/pool';
import { FillerIndex, type Spread } from './filler-index';
import { buildIndex, type Track } from './index-build';
import { parseOverrides, readJson } from './inputs';
import { accuracyTable, reliabilityTable, type Answer, type Query } from './report';

export async function benchAccuracy(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      manifest: { type: 'string' },
      queries: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      jobs: { type: 'string' },
      'index-cache': { type: 'string' },
      hypotheses: { type: 'string' },
      limit: { type: 'string' },
      conditions: { type: 'string' },
      'query-config': { type: 'string' },
      'index-config': { type: 'string' },
      'match-config': { type: 'string' },
      catalog: { type: 'string' },
      filler: { type: 'string', default: 'music' },
    },
  });
  if (!values.manifest || !values.queries || !values.out) {
    throw new UsageError('needs --manifest <manifest.json> --queries <queries.json> --out <answers.jsonl>');
  }
  const jobs = values.jobs ? Number(values.jobs) : availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer`);
  const data = resolve(values.data ?? dirname(dirname(resolve(values.manifest))));
  const manifest = await readJson<Track[]>(values.manifest, 'manifest');
  let queries = await readJson<(Query & { path: string })[]>(values.queries, 'queries');
  if (values.limit) queries = queries.slice(0, Number(values.limit));
  if (values.conditions) {
    const keep = new Set(values.conditions.split(','));
    queries = queries.filter((q) => keep.has(q.condition) || (!q.track && keep.has('negatives')));
  }
  const overrides = parseOverrides(values['query-config'], '--query-config');
  const indexOverrides = parseOverrides(values['index-config'], '--index-config');
  const anyFlag = manifest.some((t) => 'indexed' in t);
  const tracks = manifest.filter((t) => !anyFlag || t.indexed === true);
  // the envelope's search runs on the engine module's SIMD kernel, as in the API
  const opts: Partial<MatchOptions> = { top: 10, verify: { correlator: await WasmCorrelator.create(await loadEngineModule()) } };
  if (values.hypotheses) opts.hypotheses = values.hypotheses as MatchOptions['hypotheses'];
  const over = (parseOverrides(values['match-config'], '--match-config') ?? {}) as Partial<MatchOptions>;
  // a verify override keeps the SIMD kernel
  Object.assign(opts, over, { verify: { ...opts.verify, ...over.verify } });

  const catalog = values.catalog === undefined ? 0 : Number(values.catalog);
  if (!Number.isInteger(catalog) || catalog < 0) throw new UsageError('--catalog must be a whole number of tracks');
  const spread = values.filler as Spread;
  if (spread !== 'music' && spread !== 'uniform') throw new UsageError(`--filler is music or uniform (got '${values.filler}')`);

  const pool = new FingerprintPool(jobs);
  try {
    const { list, wallS } = await buildIndex(pool, data, tracks, values['index-cache'], indexOverrides);
    const memory = new MemoryIndex();
    list.forEach((l, i) => memory.add(i, l.hash, l.t, l.frames, l.envelope));
    // --catalog N: grown to N tracks with synthetic filler (chance at scale, filler-index.ts)
    const copies = catalog > list.length ? Math.ceil((catalog - list.length) / list.length) : 0;
    const index = copies > 0 ? new FillerIndex(memory, list, copies, list.length, spread) : memory;
    if (copies > 0) console.error(`catalog: ${list.length} real tracks + ${copies * list.length} filler tracks (${spread} spread)`);
    const audioS = list.reduce((s, l) => s + l.durationS, 0);
    const rows = memory.rows;
    console.error(`index: ${list.length} tracks, ${(audioS / 3600).toFixed(2)} h, ${rows} hashes (${(rows / audioS).toFixed(1)}/s), ${wallS.toFixed(1)} s wall (${(audioS / wallS).toFixed(0)}x realtime)`);

    const trackName = (i: number) => list[i]?.id ?? `filler ${i}`;
    const frameS = frameSeconds({ ...presets.index, ...indexOverrides } as EngineConfig);
    const seconds = (frames: number) => Number((frames * frameS).toFixed(2));
    const t0 = performance.now();
    const answers: Answer[] = [];
    const stats = { hashes: 0, postings: 0, passes: 0 };
    await Promise.all(
      queries.map(async (q) => {
        const r = await pool.run(resolve(data, q.path), 'query', { overrides });
        if (!r.ok) {
          answers.push({ qid: q.qid, top: null, score: 0, ms: null });
          console.error(`${q.qid}: ${r.error}`);
          return;
        }
        const tm = performance.now();
        const batch: HashBatch = { hash: r.hash, t: r.t, hyp: r.hyp };
        const m = await match(index, batch, opts, queryEnvelope(r.envelope));
        const matchMs = performance.now() - tm;
        stats.hashes += m.stats.hashes;
        stats.postings += m.stats.postings;
        stats.passes += m.stats.passes;
        const best = m.candidates[0];
        answers.push({
          qid: q.qid,
          top: m.status === 'match' ? trackName(best.track) : null,
          score: best ? Number(best.confidence.toFixed(4)) : 0,
          ms: Number((r.decodeMs + r.fingerprintMs + matchMs).toFixed(2)),
          votes: m.candidates.map((c) => c.score),
          conf: m.candidates.map((c) => Number(c.confidence.toFixed(3))),
          tracks: m.candidates.map((c) => trackName(c.track)),
          starts_s: m.candidates.map((c) => seconds(c.offset)),
          hyp: best?.hyp ?? 0,
          evidence: m.evidence,
          envelope: m.envelope && {
            track: trackName(m.envelope.track),
            r: Number(m.envelope.r.toFixed(3)),
            conf: Number(m.envelope.confidence.toFixed(5)),
            // the hashes' anchors at the envelope's offset, and how likely a version gives as many
            support: m.envelope.support && { anchors: m.envelope.support.anchors, chance: Number(m.envelope.support.chance.toPrecision(3)), near: Number(m.envelope.support.near.toPrecision(3)) },
          },
          best: best ? trackName(best.track) : null,
          // where in `best` the clip starts (as heard): tells a shared passage from chance
          at_s: best ? seconds(best.offset) : null,
          // what the question cost: distinct hashes looked up and passes, summed over passes
          hashes: m.stats.hashes,
          passes: m.stats.passes,
        });
      }),
    );
    const queryWall = (performance.now() - t0) / 1000;
    answers.sort((a, b) => a.qid.localeCompare(b.qid));
    await writeFile(values.out, answers.map((a) => JSON.stringify(a)).join('\n') + '\n');
    const base = values.out.replace(/\.jsonl$/, '');
    await writeFile(`${base}.meta.json`, JSON.stringify({ wall_s: queryWall }, null, 1));
    await writeFile(`${base}.index.json`, JSON.stringify({ wall_s: wallS, audio_s: audioS, x_realtime: audioS / wallS, index_rows: rows, tracks: list.length }, null, 1));
    console.log(accuracyTable(queries, answers));
    console.log();
    console.log(reliabilityTable(queries, answers));
    const n = queries.length;
    console.log(`lookups per query: ${(stats.hashes / n).toFixed(0)} hashes, ${(stats.postings / n).toFixed(0)} postings, ${(stats.passes / n).toFixed(2)} passes; query wall ${queryWall.toFixed(1)} s`);
    return 0;
  } finally {
    await pool.close();
  }
}
