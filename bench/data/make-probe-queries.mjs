#!/usr/bin/env node
// Degradations the dev suite does not hold, made from its clean 5 s and 10 s clips (and its
// clean negatives) with sox: tempo without pitch (a DJ's key lock, a radio's time
// compression), pitch without tempo, and speed changes at the ±5 % the engine promises.
// A robustness check against tuning to the dev suite, not a target of its own.
//   node bench/data/make-probe-queries.mjs [../bench-data]
// writes <data>/queries/probe/*.wav and queries.json (FORMAT.md's shape).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const EFFECTS = {
  tempo_p3: ['tempo', '1.03'],
  tempo_m4: ['tempo', '0.96'],
  pitch_p1st: ['pitch', '100'],
  speed_m5: ['speed', '0.95'],
  speed_p5: ['speed', '1.05'],
};

const data = resolve(process.argv[2] ?? '../bench-data');
const dev = JSON.parse(readFileSync(resolve(data, 'queries/dev/queries.json'), 'utf8'));
const sources = dev.filter((q) => q.condition === 'clean' && (q.duration_s >= 5 || !q.track));
mkdirSync(resolve(data, 'queries/probe'), { recursive: true });
const out = [];
for (const [condition, effect] of Object.entries(EFFECTS)) {
  for (const q of sources) {
    const qid = `p${String(out.length).padStart(5, '0')}`;
    const path = `queries/probe/${qid}.wav`;
    execFileSync('sox', [resolve(data, q.path), resolve(data, path), ...effect]);
    out.push({ qid, path, track: q.track, offset_s: q.offset_s, duration_s: q.duration_s, condition });
  }
}
writeFileSync(resolve(data, 'queries/probe/queries.json'), JSON.stringify(out, null, 1));
console.log(`${out.length} probe queries (${sources.filter((q) => q.track).length} clips x ${Object.keys(EFFECTS).length} effects, positives and negatives) in ${data}/queries/probe`);
