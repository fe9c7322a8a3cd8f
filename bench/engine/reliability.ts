// `earshot bench reliability --queries a.json,b.json --answers a.jsonl,b.jsonl
// [--shared corpus/shared_regions.json]`: the reliability table over several runs together
// (positives of one set, negatives of another).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { UsageError } from '../../cli/usage';
import { readJson, readSharedRegions } from './inputs';
import { accuracyTable, reliabilityTable, type Answer, type Query } from './report';

export async function benchReliability(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { queries: { type: 'string' }, answers: { type: 'string' }, shared: { type: 'string' } } });
  const qs = values.queries?.split(',') ?? [];
  const as = values.answers?.split(',') ?? [];
  if (qs.length === 0 || qs.length !== as.length) {
    throw new UsageError('needs --queries a.json,b.json and --answers a.jsonl,b.jsonl, one answer file per query file');
  }
  const queries: Query[] = [];
  const answers: Answer[] = [];
  for (let i = 0; i < qs.length; i++) {
    // qids repeat across sets: prefix them with the set's position
    for (const q of await readJson<Query[]>(qs[i], 'queries')) queries.push({ ...q, qid: `${i}:${q.qid}` });
    const text = await readFile(as[i], 'utf8').catch((err) => {
      throw new UsageError(`cannot read answers ${as[i]}: ${(err as Error).message}`);
    });
    for (const line of text.split('\n').filter(Boolean)) {
      const a = JSON.parse(line) as Answer;
      answers.push({ ...a, qid: `${i}:${a.qid}` });
    }
  }
  console.log(accuracyTable(queries, answers));
  console.log();
  const shared = values.shared ? await readSharedRegions(values.shared) : {};
  console.log(reliabilityTable(queries, answers, shared));
  return 0;
}
