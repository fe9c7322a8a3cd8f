// `earshot bench envelope`: what the band envelope's search costs (dsp/src/matcher/verify.ts),
// by query length, with the JavaScript kernel and the engine module's SIMD one. Each query's
// candidates are the matcher's 10 best tracks, as on the unanswered path; each search is
// timed three times, the fastest kept (a timing, not a pass/fail).
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { jsCorrelator, match, MemoryIndex, queryEnvelope, verifyEnvelope, WasmCorrelator, type Correlator } from '../../dsp/src/index';
import { loadEngineModule } from '../../dsp/src/node';
import { UsageError } from '../../cli/usage';
import { FingerprintPool } from '../../cli/workers/pool';
import { buildIndex, type Track } from './index-build';
import { readJson } from './inputs';

interface Query {
  qid: string;
  path: string;
  duration_s: number;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

export async function benchEnvelope(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { manifest: { type: 'string' }, queries: { type: 'string' }, data: { type: 'string' }, 'index-cache': { type: 'string' }, 'per-length': { type: 'string', default: '20' } },
  });
  if (!values.manifest || !values.queries) throw new UsageError('needs --manifest <manifest.json> --queries <queries.json>');
  const perLength = Number(values['per-length']);
  if (!Number.isInteger(perLength) || perLength < 1) throw new UsageError('--per-length must be a positive integer');
  const data = resolve(values.data ?? dirname(dirname(resolve(values.manifest))));
  const manifest = await readJson<Track[]>(values.manifest, 'manifest');
  const tracks = manifest.some((t) => 'indexed' in t) ? manifest.filter((t) => t.indexed === true) : manifest;
  const all = await readJson<Query[]>(values.queries, 'queries');
  const lengths = [...new Set(all.map((q) => q.duration_s))].sort((a, b) => a - b);
  const queries = lengths.flatMap((d) => all.filter((q) => q.duration_s === d).slice(0, perLength));

  const pool = new FingerprintPool(availableParallelism());
  try {
    const { list } = await buildIndex(pool, data, tracks, values['index-cache']);
    const index = new MemoryIndex();
    list.forEach((l, i) => index.add(i, l.hash, l.t, l.frames, l.envelope));
    const kernels: [string, Correlator][] = [['JavaScript', jsCorrelator], ['WASM SIMD', await WasmCorrelator.create(await loadEngineModule())]];
    const ms = new Map<string, number[]>();
    for (const q of queries) {
      const r = await pool.run(resolve(data, q.path), 'query');
      if (!r.ok) throw new Error(`${q.path}: ${r.error}`);
      const candidates = (await match(index, { hash: r.hash, t: r.t, hyp: r.hyp }, { top: 10 })).candidates.map((c) => c.track);
      const envelope = queryEnvelope(r.envelope);
      const stored = index.envelopes(candidates);
      for (const [name, correlator] of kernels) {
        let best = Infinity;
        for (let k = 0; k < 3; k++) {
          const t0 = performance.now();
          verifyEnvelope(envelope, candidates, stored, { correlator });
          best = Math.min(best, performance.now() - t0);
        }
        const key = `${q.duration_s}\t${name}`;
        ms.set(key, [...(ms.get(key) ?? []), best]);
      }
    }
    console.log('| query | kernel | searches | median ms | p95 ms |\n|---|---|---|---|---|');
    for (const [key, xs] of ms) {
      const [d, name] = key.split('\t');
      console.log(`| ${d} s | ${name} | ${xs.length} | ${percentile(xs, 0.5).toFixed(1)} | ${percentile(xs, 0.95).toFixed(1)} |`);
    }
    return 0;
  } finally {
    await pool.close();
  }
}
