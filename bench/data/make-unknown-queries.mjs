#!/usr/bin/env node
// 5 s clips of the corpus' unindexed tracks, at the positions `bench api` cuts its
// `q5_unknown` set from, so the "no match" path can be checked in process too:
//   node bench/data/make-unknown-queries.mjs [../bench-data] [count]
// writes <data>/queries/unknown/*.wav and queries.json (FORMAT.md's shape, all negatives).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const data = resolve(process.argv[2] ?? '../bench-data');
const count = Number(process.argv[3] ?? 160);
if (!Number.isInteger(count) || count < 1) throw new Error('count: a positive integer');
const SECONDS = 5;
const manifest = JSON.parse(readFileSync(resolve(data, 'corpus/manifest.json'), 'utf8'));
const unknown = manifest.filter((t) => !t.indexed);
mkdirSync(resolve(data, 'queries/unknown'), { recursive: true });
const out = [];
for (let q = 0; q < count; q++) {
  const t = unknown[q % unknown.length];
  // bench/api/api.ts timeQueries(): the same spread of start times
  const from = Math.floor((((q * 7919) % 1000) / 1000) * Math.max(1, t.duration_s - SECONDS - 1));
  const qid = `u${String(q).padStart(5, '0')}`;
  const path = `queries/unknown/${qid}.wav`;
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', String(from), '-t', String(SECONDS), '-i', resolve(data, t.path), '-ac', '1', resolve(data, path)]);
  out.push({ qid, path, track: null, offset_s: from, duration_s: SECONDS, condition: 'unknown', source: t.id });
}
writeFileSync(resolve(data, 'queries/unknown/queries.json'), JSON.stringify(out, null, 1));
console.log(`${out.length} clips of ${unknown.length} unindexed tracks in ${data}/queries/unknown`);
