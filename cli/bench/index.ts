import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../usage';

/** The development corpus built by ../shared/bench (make_corpus.sh, make_queries.sh dev). */
const DEV_DATA = resolve('../bench-data');

/** `npm run bench` with no argument: speed, then accuracy on the dev suite when it is there. */
async function all(): Promise<number> {
  let rc = await (await import('./speed')).benchSpeed([]);
  if (existsSync(resolve(DEV_DATA, 'READY'))) {
    await mkdir('bench-results', { recursive: true });
    rc ||= await (await import('./accuracy')).benchAccuracy([
      '--manifest', resolve(DEV_DATA, 'corpus/manifest.json'),
      '--queries', resolve(DEV_DATA, 'queries/dev/queries.json'),
      '--out', 'bench-results/earshot-dev.jsonl',
    ]);
  } else {
    console.log(`accuracy: skipped, no corpus at ${DEV_DATA} (see README: Benchmarks)`);
  }
  return rc;
}

/** Benchmarks that drive a real server or browser live beside their tests, as scripts. */
function script(path: string, args: string[]): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path, ...args], { stdio: 'inherit' });
  return r.status ?? 1;
}

export async function bench(args: string[]): Promise<number> {
  const [what, ...rest] = args;
  switch (what) {
    case undefined:
      return all();
    case 'accuracy':
      return (await import('./accuracy')).benchAccuracy(rest);
    case 'speed':
      return (await import('./speed')).benchSpeed(rest);
    case 'reliability':
      return (await import('./reliability')).benchReliability(rest);
    case 'latency':
      return (await import('./latency')).benchLatency(rest);
    case 'peaks':
      return (await import('./peaks')).benchPeaks(rest);
    case 'api':
      return script('test/e2e/bench-api.ts', rest);
    case 'app':
      return script('test/browser/bench.ts', rest);
    case 'offline':
      return script('test/browser/bench-offline.ts', rest);
    case 'tunescout':
      return script('test/e2e/bench-tunescout.ts', rest);
    case 'radio':
      return script('test/e2e/bench-radio.ts', rest);
    case 'search':
      return script('test/e2e/bench-search.ts', rest);
    default:
      throw new UsageError(`bench takes one of: accuracy, reliability, latency, speed, peaks, api, app, offline, tunescout, radio, search, or nothing for speed + accuracy (got '${what}')`);
  }
}
