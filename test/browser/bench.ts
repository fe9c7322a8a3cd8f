// The app benchmark: first-load size (gzip JS + WASM), engine start, and time from tap to
// the right answer with the fake microphone playing catalog clips, clean and with noise.
// Timings are measured here, never asserted in tests.
//
//   npx tsx test/browser/bench.ts [--runs-per-track 2]
//   (writes bench-results/app.json and prints a markdown table)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DEMO_TRACKS } from '../../scripts/demo/songs';
import { openApp } from './app';
import { writeClip } from './clips';
import { root, startStack } from './stack';

const { values } = parseArgs({ options: { 'runs-per-track': { type: 'string', default: '2' } } });
const runsPerTrack = Number(values['runs-per-track']);

function gz(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** What a first visit downloads before the first tap: the page's JS, the DSP worker, its WASM. */
function firstLoad(dist: string): Record<string, number> {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const main = readFileSync(join(dist, entry[0]), 'utf8');
  const worker = /assets\/engine\.worker-[\w-]+\.js/.exec(main)![0];
  const wasm = /assets\/dsp-[\w-]+\.wasm/.exec(readFileSync(join(dist, worker), 'utf8'))![0];
  const sizes: Record<string, number> = {};
  for (const f of [...entry.map((e) => e.slice(1)), worker, wasm]) sizes[f] = gz(join(dist, f));
  return sizes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const max = (xs: number[]) => Math.max(...xs);

const stack = await startStack();
try {
  const sizes = firstLoad(join(root, 'dist'));
  const totalGzip = Object.values(sizes).reduce((a, b) => a + b, 0);

  // engine start: compiled WASM, relative to the page's load event
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const app = await openApp(stack.baseUrl);
    starts.push(
      await app.page.evaluate(async () => {
        while (performance.getEntriesByName('earshot:engine-ready').length === 0) await new Promise((r) => setTimeout(r, 5));
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return performance.getEntriesByName('earshot:engine-ready')[0].startTime - nav.loadEventStart;
      }),
    );
    await app.close();
  }

  const conditions = [
    { name: 'clean', snrDb: undefined },
    { name: 'noise 5 dB SNR', snrDb: 5 },
  ];
  const rows = [];
  for (const cond of conditions) {
    const times: number[] = [];
    let wrong = 0;
    for (const track of DEMO_TRACKS) {
      for (let k = 0; k < runsPerTrack; k++) {
        const clip = writeClip(join(stack.work, 'bench.wav'), { seed: track.seed, fromS: 3 + 5 * k, seconds: 10, snrDb: cond.snrDb });
        const app = await openApp(stack.baseUrl, { clip });
        const tapped = Date.now();
        await app.page.getByRole('button', { name: 'Identify' }).click();
        const outcome = app.page.locator('#result-title, h2:text-is("No match")');
        await outcome.first().waitFor({ timeout: 30_000 });
        const title = await outcome.first().textContent();
        if (title === track.title) times.push(Date.now() - tapped);
        else wrong++;
        await app.close();
      }
    }
    rows.push({ condition: cond.name, runs: times.length + wrong, right: times.length, median_ms: median(times), max_ms: max(times) });
  }

  const result = {
    date: new Date().toISOString(),
    first_load_gzip_bytes: { ...sizes, total: totalGzip },
    engine_ready_after_load_ms: starts,
    tap_to_answer: rows,
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/app.json'), JSON.stringify(result, null, 2));
  console.log(`first load, gzip JS + WASM: ${(totalGzip / 1024).toFixed(1)} KB`);
  for (const [f, n] of Object.entries(sizes)) console.log(`  ${f}: ${(n / 1024).toFixed(1)} KB`);
  console.log(`engine ready after the load event: median ${median(starts).toFixed(0)} ms (${starts.map((s) => s.toFixed(0)).join(', ')})`);
  console.log('\n| condition | right / runs | median tap to answer | max |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.condition} | ${r.right} / ${r.runs} | ${(r.median_ms / 1000).toFixed(2)} s | ${(r.max_ms / 1000).toFixed(2)} s |`);
} finally {
  stack.stop();
}
