// `earshot dedupe`: offline and in process. Every file is fingerprinted (index preset) in
// the worker pool into a MemoryIndex, then matched against it; files that resemble each
// other form clusters with a similarity score and class.
import { parseArgs } from 'node:util';
import { MemoryIndex } from '../../dsp/src/index';
import { fingerprintFile } from '../fingerprint';
import { jobs } from '../options';
import { Progress } from '../progress';
import { EXIT, UsageError } from '../usage';
import { walk } from '../walk';
import { FingerprintPool } from '../workers/pool';
import { Clusters } from './clusters';
import { sampleRecords, samplingFor } from './sample';
import { similarTracks } from './similarity';

export async function dedupeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, jobs: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError('dedupe needs files or folders');
  const found = await walk(positionals);
  for (const p of found.problems) console.error(`skipped  ${p.path}: ${p.reason}`);
  const files = found.files.map((f) => f.path);
  const every = samplingFor(files.length);
  const index = new MemoryIndex();
  const records: { hash: Uint32Array; t: Int32Array }[] = [];
  const usable: number[] = [];
  const pool = new FingerprintPool(jobs(values.jobs));
  const progress = new Progress(files.length);
  try {
    let next = 0;
    // 2 x pool size lanes: the pool stays busy, at most that many full fingerprints in memory
    const lane = async () => {
      while (next < files.length) {
        const i = next++;
        const fp = await fingerprintFile(pool, files[i], 'index');
        if (!fp.ok) {
          progress.tick(`skipped  ${files[i]}: ${fp.reason}`);
          continue;
        }
        records[i] = sampleRecords(fp.hash, fp.t, every);
        index.add(i, records[i].hash, records[i].t, fp.frames);
        usable.push(i);
        progress.tick();
      }
    };
    await Promise.all(Array.from({ length: 2 * jobs(values.jobs) }, lane));
  } finally {
    progress.finish();
    await pool.close();
  }

  const clusters = new Clusters();
  for (const i of usable.sort((a, b) => a - b)) {
    if (records[i].hash.length === 0) continue;
    for (const s of await similarTracks(index, i, records[i].hash, records[i].t)) clusters.link({ a: i, b: s.track, similarity: s.similarity, class: s.class });
  }
  const list = clusters.list();
  for (const c of list) {
    const members = c.members.map((m) => files[m]);
    const pairs = c.pairs.map((p) => ({ a: files[p.a], b: files[p.b], similarity: p.similarity, class: p.class }));
    if (values.json) {
      console.log(JSON.stringify({ files: members, pairs }));
    } else {
      console.log(`cluster of ${members.length}:\n${members.map((m) => `  ${m}`).join('\n')}`);
      for (const p of pairs) console.log(`    ${p.class.padEnd(15)} ${p.similarity.toFixed(3)}  ${p.a}  ~  ${p.b}`);
    }
  }
  const sampled = every > 1 ? `, similarity estimated on 1 in ${every} hashes` : '';
  console.error(`${files.length} files, ${usable.length} fingerprinted, ${list.length} clusters of similar audio${sampled}`);
  return EXIT.ok;
}
