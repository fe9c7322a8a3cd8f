// `npm run bench -- paired --before DIR --state-before DIR --state DIR [--corpus ../bench-data]
//   [--seconds 5] [--rounds 12] [--per 20] [--before-left] [--out bench-results/paired.json]`
// Workerd CPU per identify of this checkout against another one (--before: a worktree of an
// earlier commit, with its own node_modules and built engine), measured side by side so a
// noisy machine hits both alike: the issue-27 way to state a ratio. Each side runs its own
// wrangler dev on its own catalog state, filled beforehand by that commit's own
// `bench api --state` (the index format may differ between them). Each side's bodies come
// from its own engine, the same cuts of the same indexed tracks; --before-left when the
// earlier commit's index heard the left channel rather than the mix. Per round, each side
// answers its `per` fresh clips, the order alternating between rounds; a round's figure is
// the CPU its workerd processes spent across it (dev proxy included on both sides). Clip q
// is cut from indexed track q·37 mod their count, so up to that many clips come from
// distinct tracks: the isolate's postings cache (since session 14) serves a clip only what
// another clip's hashes share with it. Where a side's Server-Timing says (session 19 on),
// the report gives the postings it scored and the share of them read from the shards.
import type { Agent } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../cli/usage';
import { client, send } from './client';
import { cutAt } from './cuts';

const { values: opt } = parseArgs({
  options: {
    before: { type: 'string' },
    'state-before': { type: 'string' },
    state: { type: 'string' },
    'before-left': { type: 'boolean', default: false },
    corpus: { type: 'string', default: '../bench-data' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '12' },
    per: { type: 'string', default: '20' },
    out: { type: 'string', default: 'bench-results/paired.json' },
  },
});
for (const flag of ['before', 'state-before', 'state'] as const) if (!opt[flag]) throw new UsageError(`paired needs --${flag} DIR`);
function whole(flag: 'seconds' | 'rounds' | 'per'): number {
  const n = Number(opt[flag]);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} takes a positive whole number (got '${opt[flag]}')`);
  return n;
}
const SECONDS = whole('seconds'), ROUNDS = whole('rounds'), PER = whole('per');
/** Requests before the first round, on clips no round asks: an isolate's first requests compile the Worker. */
const WARM = 5;
const sides = {
  before: { root: resolve(opt.before!), state: resolve(opt['state-before']!), left: opt['before-left'] },
  after: { root: resolve(new URL('../..', import.meta.url).pathname), state: resolve(opt.state!), left: false },
};
type Side = keyof typeof sides;
const corpus = resolve(opt.corpus);
const manifest = JSON.parse(readFileSync(join(corpus, 'corpus/manifest.json'), 'utf8')) as { path: string; indexed: boolean }[];

/** One side's identify bodies, made by its own engine and wire format (imported from its root). */
async function bodiesOf(side: Side): Promise<Uint8Array[]> {
  const { root, left } = sides[side];
  const { encodeHashes, wireRecordsIn } = await import(`${root}/common/wire.ts`);
  const { FP_VERSION, fingerprint, fitRecords } = await import(`${root}/dsp/src/index.ts`);
  const { IDENTIFY_MAX_BYTES } = await import(`${root}/common/limits.ts`);
  const { decodeAudio } = await import(`${root}/dsp/src/decode/index.ts`);
  const { loadEngineModule } = await import(`${root}/dsp/src/node.ts`);
  const module = await loadEngineModule();
  const sources: { samples: Float32Array; rate: number }[] = [];
  for (const m of manifest.filter((t) => t.indexed)) {
    const audio = await decodeAudio(readFileSync(join(corpus, m.path)));
    const channels = audio.channels as Float32Array[];
    let mix = channels[0];
    if (!left && channels.length > 1) {
      mix = new Float32Array(mix.length);
      for (const c of channels) for (let i = 0; i < mix.length; i++) mix[i] += c[i] / channels.length;
    }
    sources.push({ samples: mix, rate: audio.sampleRate });
  }
  const out: Uint8Array[] = [];
  for (let q = 0; q < ROUNDS * PER + WARM; q++) {
    // the same cuts on both sides
    const s = sources[(q * 37) % sources.length];
    const from = cutAt(s.samples.length / s.rate, q, SECONDS);
    const { hashes } = await fingerprint(module, s.samples.subarray(from * s.rate, (from + SECONDS) * s.rate), { sampleRate: s.rate, preset: 'query' });
    out.push(encodeHashes(fitRecords([hashes], wireRecordsIn(IDENTIFY_MAX_BYTES)), FP_VERSION));
  }
  return out;
}

const bodies = { before: await bodiesOf('before'), after: await bodiesOf('after') };
const servers = {} as Record<Side, { url: string; agent: Agent; stop: () => Promise<void>; cpuMs: () => number }>;
for (const side of ['before', 'after'] as const) {
  const { startDev, workerdUsage } = await import(`${sides[side].root}/test/e2e/wrangler-dev.ts`);
  const dev = await startDev({ ADMIN_TOKEN: 'x'.repeat(32) }, sides[side].state);
  servers[side] = { url: dev.url, agent: client(), stop: dev.stop, cpuMs: () => workerdUsage(dev).cpuMs };
}
const ask = (side: Side, body: Uint8Array) => send(servers[side].url, 'POST', '/identify', { via: servers[side].agent, body, type: 'application/octet-stream' });
const cpu = { before: [] as number[], after: [] as number[] };
const matched = { before: 0, after: 0 };
const scored = { before: 0, after: 0 };
const read = { before: 0, after: 0 };
try {
  for (const side of ['before', 'after'] as const) for (const body of bodies[side].slice(ROUNDS * PER)) await ask(side, body);
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of r % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)) {
      const from = servers[side].cpuMs();
      for (const body of bodies[side].slice(r * PER, (r + 1) * PER)) {
        const res = await ask(side, body);
        if (res.status !== 200) throw new Error(`${side}: identify answered ${res.status}: ${res.text.slice(0, 200)}`);
        if (res.json<{ status: string }>().status === 'match') matched[side]++;
        const [, postings, fromShards] = /(\d+) postings, (\d+) read/.exec(String(res.headers['server-timing'] ?? '')) ?? [];
        scored[side] += Number(postings ?? NaN);
        read[side] += Number(fromShards ?? NaN);
      }
      cpu[side].push((servers[side].cpuMs() - from) / PER);
    }
    console.log(`round ${r + 1}/${ROUNDS}: before ${cpu.before.at(-1)!.toFixed(1)} ms, after ${cpu.after.at(-1)!.toFixed(1)} ms per identify`);
  }
} finally {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
}
const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
const diffs = cpu.before.map((b, i) => b - cpu.after[i]);
const report = {
  seconds: SECONDS, rounds: ROUNDS, per: PER, before: sides.before.root,
  cpu_ms: { before: cpu.before, after: cpu.after },
  mean_ms: { before: mean(cpu.before), after: mean(cpu.after) },
  median_ms: { before: median(cpu.before), after: median(cpu.after) },
  ratio_of_means: mean(cpu.after) / mean(cpu.before),
  diffs_ms: diffs, rounds_after_cheaper: diffs.filter((d) => d > 0).length,
  matched: { before: matched.before, after: matched.after, of: ROUNDS * PER },
  // NaN (null in the JSON) where a side's Server-Timing does not say
  postings_scored_mean: { before: scored.before / (ROUNDS * PER), after: scored.after / (ROUNDS * PER) },
  share_read_from_shards: { before: read.before / scored.before, after: read.after / scored.after },
};
mkdirSync(dirname(opt.out), { recursive: true });
writeFileSync(opt.out, JSON.stringify(report, null, 2));
console.log(`${SECONDS} s clips, workerd CPU per identify: before ${report.mean_ms.before.toFixed(1)} ms (median ${report.median_ms.before.toFixed(1)}), after ${report.mean_ms.after.toFixed(1)} ms (median ${report.median_ms.after.toFixed(1)}): ×${report.ratio_of_means.toFixed(2)}; after cheaper in ${report.rounds_after_cheaper} of ${ROUNDS} rounds; matched ${matched.before} / ${matched.after} of ${ROUNDS * PER}; postings read from the shards: ${(['before', 'after'] as const).map((k) => `${k} ${(100 * report.share_read_from_shards[k]).toFixed(0)} % of ${report.postings_scored_mean[k].toFixed(0)} scored`).join(', ')} → ${opt.out}`);
