// Every benchmark, one entry each: `npm run bench -- <name>` (or `earshot bench <name>`,
// which runs this file). The engine's run in process (engine/); those that drive a real
// wrangler dev (api/) or Chromium (browser/) run as their own scripts, and data/ builds
// the query sets they read. Figures and the command behind each: BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, isUsageError, UsageError } from '../cli/usage';

/** The development corpus built by ../shared/bench (make_corpus.sh, make_queries.sh dev). */
const DEV_DATA = resolve('../bench-data');

/** `npm run bench` with no argument: speed, then accuracy on the dev suite when it is there. */
async function all(): Promise<number> {
  let rc = await (await import('./engine/speed')).benchSpeed([]);
  if (existsSync(resolve(DEV_DATA, 'READY'))) {
    await mkdir('bench-results', { recursive: true });
    rc ||= await (await import('./engine/accuracy')).benchAccuracy([
      '--manifest', resolve(DEV_DATA, 'corpus/manifest.json'),
      '--queries', resolve(DEV_DATA, 'queries/dev/queries.json'),
      '--out', 'bench-results/earshot-dev.jsonl',
    ]);
  } else {
    console.log(`accuracy: skipped, no corpus at ${DEV_DATA} (see README: Benchmarks)`);
  }
  return rc;
}

/** Benchmarks that drive a real server or browser run as their own scripts. */
function script(path: string, args: string[]): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(path, import.meta.url)), ...args], { stdio: 'inherit' });
  return r.status ?? 1;
}

async function bench(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  switch (what) {
    case undefined:
      return all();
    case 'accuracy':
      return (await import('./engine/accuracy')).benchAccuracy(rest);
    case 'speed':
      return (await import('./engine/speed')).benchSpeed(rest);
    case 'reliability':
      return (await import('./engine/reliability')).benchReliability(rest);
    case 'envelope':
      return (await import('./engine/envelope')).benchEnvelope(rest);
    case 'latency':
      return (await import('./engine/latency')).benchLatency(rest);
    case 'peaks':
      return (await import('./engine/peaks')).benchPeaks(rest);
    case 'api':
      return script('./api/api.ts', rest);
    case 'app':
      return script('./browser/app.ts', rest);
    case 'offline':
      return script('./browser/offline.ts', rest);
    case 'tunescout':
      return script('./api/tunescout.ts', rest);
    case 'radio':
      return script('./api/radio.ts', rest);
    case 'search':
      return script('./api/search.ts', rest);
    case 'paired':
      return script('./api/paired.ts', rest);
    default:
      throw new UsageError(`bench takes one of: accuracy, reliability, envelope, latency, speed, peaks, api, paired, app, offline, tunescout, radio, search, or nothing for speed + accuracy (got '${what}')`);
  }
}

try {
  process.exitCode = await bench(process.argv.slice(2));
} catch (e) {
  const usage = isUsageError(e);
  console.error(`earshot bench: ${usage ? (e as Error).message : ((e as Error).stack ?? e)}`);
  process.exitCode = usage ? EXIT.usage : EXIT.failed;
}
