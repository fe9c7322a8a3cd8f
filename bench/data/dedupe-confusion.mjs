#!/usr/bin/env node
// The confusion table of `earshot dedupe` on the set make-dedupe-set.py builds:
//   npx earshot dedupe ../bench-data/dedupe --json > bench-results/dedupe.jsonl
//   node bench/data/dedupe-confusion.mjs ../bench-data/dedupe bench-results/dedupe.jsonl
// Source folders after the output (make-dedupe-scale.py's nested subsets): only the files
// under them are scored.
// Truth: each version against its source's original (the class its transformation has),
// versions of different sources (different), the corpus' pairs that share material as
// shipped (a loop, a section: expected different below a quarter of each track).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';

const [dir, answers, ...only] = process.argv.slice(2);
if (!dir || !answers) {
  console.error('usage: dedupe-confusion.mjs <dedupe dir> <dedupe --json output> [source folder...]');
  process.exit(2);
}
const root = resolve(dir);
const truth = JSON.parse(readFileSync(resolve(root, 'truth.json'), 'utf8'));
const CLASSES = ['identical', 'same_recording', 'related_version', 'different'];

const key = (a, b) => [a, b].sort().join('\n');
const reported = new Map();
for (const line of readFileSync(answers, 'utf8').split('\n').filter(Boolean)) {
  for (const p of JSON.parse(line).pairs) reported.set(key(relative(root, resolve(p.a)), relative(root, resolve(p.b))), p);
}

/** source folder and transformation of a version file, or null for the shared-material files */
function parse(f) {
  const m = basename(f).match(/^(.*)__(.+)\.[a-z0-9]+$/);
  return m && dirname(f) !== 'shared' ? { source: m[1], tf: m[2] } : null;
}
const scored = new Set(only.map((f) => relative(root, resolve(f))));
const all = readdirSync(root, { recursive: true })
  .map((f) => ({ f, ...parse(f) }))
  .filter((v) => v.source && (scored.size === 0 || scored.has(dirname(v.f))));
const originals = new Map(all.filter((x) => x.tf === 'original').map((x) => [x.source, x]));

const table = new Map(); // true class -> reported class -> count
const byTf = new Map(); // transformation -> reported class -> count
const count = (m, a, b) => {
  if (!m.has(a)) m.set(a, new Map());
  m.get(a).set(b, (m.get(a).get(b) ?? 0) + 1);
};
const got = (a, b) => reported.get(key(a, b))?.class ?? 'different';

// every version against its original
for (const v of all.filter((x) => x.tf !== 'original')) {
  const o = originals.get(v.source);
  const want = truth.transformations[v.tf];
  const have = got(o.f, v.f);
  count(table, want, have);
  count(byTf, v.tf, have);
}
// versions of different sources: every reported cross-source pair is a false cluster
const sources = [...new Set(all.map((v) => v.source))];
const perSource = new Map();
for (const v of all) perSource.set(v.source, (perSource.get(v.source) ?? 0) + 1);
const crossPairs = (all.length * (all.length - 1)) / 2 - sources.reduce((s, src) => s + (perSource.get(src) * (perSource.get(src) - 1)) / 2, 0);
const crossWrong = new Map();
for (const [k, p] of reported) {
  const [a, b] = k.split('\n').map(parse);
  if (a && b && a.source !== b.source) crossWrong.set(p.class, (crossWrong.get(p.class) ?? 0) + 1);
}
table.set('different', new Map([...crossWrong, ['different', crossPairs - [...crossWrong.values()].reduce((s, n) => s + n, 0)]]));
// shared material as shipped
for (const s of truth.shared) {
  const want = s.fraction_of_a >= 0.25 ? 'shares a long stretch' : 'shares a loop or sample';
  count(table, want, got(s.files[0], s.files[1]));
}

const head = `| true class ↓ / reported → | ${CLASSES.join(' | ')} |`;
const sep = `|---|${CLASSES.map(() => '---').join('|')}|`;
const row = (name, m) => `| ${name} | ${CLASSES.map((c) => m?.get(c) ?? 0).join(' | ')} |`;
console.log(head);
console.log(sep);
for (const t of [...CLASSES, 'shares a long stretch', 'shares a loop or sample']) if (table.has(t)) console.log(row(t, table.get(t)));
console.log();
console.log(`| transformation (against its original) | class | ${CLASSES.join(' | ')} |`);
console.log(`|---|---|${CLASSES.map(() => '---').join('|')}|`);
for (const [tf, m] of byTf) console.log(`| ${tf} | ${truth.transformations[tf]} | ${CLASSES.map((c) => m.get(c) ?? 0).join(' | ')} |`);
