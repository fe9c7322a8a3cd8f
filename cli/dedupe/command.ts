// `earshot dedupe`: offline and in process. Every file is fingerprinted (index preset, plus
// the query's speed and pitch hypotheses so a sped-up copy is found) in the worker pool;
// its as-heard records go into a MemoryIndex, then each file's records are matched
// against it; files that resemble each other form clusters of classed pairs.
import { parseArgs } from 'node:util';
import type { SimilarityClass } from '../../common/api-types';
import { fingerprintFile } from '../fingerprint';
import { jobs } from '../options';
import { Progress } from '../progress';
import { EXIT, UsageError } from '../usage';
import { walk } from '../walk';
import { FingerprintPool } from '../workers/pool';
import { balanceMoved, CLASS_RANK } from '../../common/similarity';
import { Clusters, type Pair } from './clusters';
import { Library, WITH_HYPOTHESES } from './library';
import { samplingFor } from './sample';
import { FRAME_S } from './similarity';

function minClassOf(value: string | undefined): SimilarityClass {
  const v = (value ?? 'related_version') as SimilarityClass;
  if (!Object.hasOwn(CLASS_RANK, v) || v === 'different') throw new UsageError(`--min-class takes identical, same_recording or related_version (got '${value}')`);
  return v;
}

function pairFields(p: Pair, files: string[]) {
  return {
    a: files[p.a],
    b: files[p.b],
    class: p.class,
    similarity: p.similarity,
    coverage_a: p.coverage[0],
    coverage_b: p.coverage[1],
    offset_s: Math.round(p.offset * FRAME_S * 100) / 100,
    speed: p.speed,
    pitch: p.pitch,
    bass_db: p.balance.bassDb,
    treble_db: p.balance.trebleDb,
  };
}

const csvCell = (v: unknown) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));

export async function dedupeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, csv: { type: 'boolean' }, 'min-class': { type: 'string' }, jobs: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('dedupe needs files or folders');
  if (values.json && values.csv) throw new UsageError('dedupe prints --json or --csv, not both');
  const minClass = minClassOf(values['min-class']);
  const found = await walk(positionals);
  for (const p of found.problems) console.error(`skipped  ${p.path}: ${p.reason}`);
  const files = found.files.map((f) => f.path);
  const every = samplingFor(files.length);
  const library = new Library(every);
  const usable: number[] = [];
  const pool = new FingerprintPool(jobs(values.jobs));
  const progress = new Progress(files.length);
  const started = performance.now();
  try {
    let next = 0;
    // 2 x pool size lanes: the pool stays busy, at most that many full fingerprints in memory
    const lane = async () => {
      while (next < files.length) {
        const i = next++;
        const fp = await fingerprintFile(pool, files[i], 'index', { overrides: WITH_HYPOTHESES });
        if (!fp.ok) {
          progress.tick(`skipped  ${files[i]}: ${fp.reason}`);
          continue;
        }
        library.add(i, fp, fp.frames, fp.pcm);
        usable.push(i);
        progress.tick();
      }
    };
    await Promise.all(Array.from({ length: 2 * jobs(values.jobs) }, lane));
  } finally {
    progress.finish();
    await pool.close();
  }

  const fingerprinted = performance.now();
  const clusters = new Clusters();
  for (const i of usable.sort((a, b) => a - b)) {
    for (const s of await library.similar(i)) {
      if (CLASS_RANK[s.class] < CLASS_RANK[minClass]) continue;
      const { track, ...evidence } = s;
      clusters.link({ a: i, b: track, ...evidence });
    }
  }
  const list = clusters.list();
  if (values.csv) console.log('cluster,a,b,class,similarity,coverage_a,coverage_b,offset_s,speed,pitch,bass_db,treble_db');
  list.forEach((c, k) => {
    const members = c.members.map((m) => files[m]);
    const pairs = c.pairs.map((p) => pairFields(p, files));
    if (values.json) {
      console.log(JSON.stringify({ files: members, pairs }));
    } else if (values.csv) {
      for (const p of pairs) console.log([k + 1, ...Object.values(p)].map(csvCell).join(','));
    } else {
      console.log(`cluster of ${members.length}:\n${members.map((m) => `  ${m}`).join('\n')}`);
      for (const p of pairs) {
        const speed = p.speed !== 1 || p.pitch !== 1 ? `  speed ${p.speed} pitch ${p.pitch}` : '';
        const how = speed + (balanceMoved({ bassDb: p.bass_db, trebleDb: p.treble_db }) ? `  bass ${p.bass_db} treble ${p.treble_db} dB` : '');
        console.log(`    ${p.class.padEnd(15)} ${p.similarity.toFixed(3)}  covers ${p.coverage_a.toFixed(2)} / ${p.coverage_b.toFixed(2)}${how}  ${p.a}  ~  ${p.b}`);
      }
    }
  });
  const sampled = every > 1 ? `, similarity estimated on 1 in ${every} hashes` : '';
  const s = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
  console.error(`${files.length} files, ${usable.length} fingerprinted, ${list.length} clusters of similar audio${sampled}`);
  console.error(`fingerprinting ${s(started, fingerprinted)} s, comparing ${s(fingerprinted, performance.now())} s`);
  return EXIT.ok;
}
