// `npm run bench -- search [--tracks 100000] [--queries 40]`: catalog search
// (GET /api/v1/tracks?q=) through a real `wrangler dev` on a catalog of N tracks. Titles and
// artists are made of pseudo-words drawn with Zipf's law, as real titles use words ("love",
// "night" sit in many titles, most words in few), so a common word matches thousands of
// tracks and a rare one a handful. Rows go straight into the catalog's SQLite file while the
// server is stopped (the triggers that keep the search index run there too). Each kind of
// query is timed as client round trip, p50/p95; writes bench-results/search.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import type { TrackList } from '../../common/api-types';
import { localDatabases } from '../../test/e2e/local-d1';
import { startDev } from '../../test/e2e/wrangler-dev';

const { values } = parseArgs({ options: { tracks: { type: 'string', default: '100000' }, queries: { type: 'string', default: '40' } } });
const N = Number(values.tracks);
const Q = Number(values.queries);
if (!(N >= 100 && N <= 2_000_000 && Q >= 5 && Q <= 200)) throw new Error('--tracks 100..2000000, --queries 5..200');

/** A seeded generator, so every run searches the same catalog. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const rand = random(7);
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'su', 'vel', 'no', 'dri', 'an', 'bel', 'cor', 'é', 'fa', 'gun', 'hal', 'is', 'jo', 'ku', 'lum', 'mar', 'ne', 'or', 'pa'];
const VOCABULARY = 20_000;
const words = Array.from({ length: VOCABULARY }, (_, i) => {
  let w = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
  return w;
});
// Zipf: word k drawn with probability ∝ 1/(k+1)
const weights = words.map((_, k) => 1 / (k + 1));
const cumulative = weights.reduce<number[]>((a, w) => (a.push((a.at(-1) ?? 0) + w), a), []);
function word(): string {
  const x = rand() * cumulative.at(-1)!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return words[lo];
}
const phrase = (min: number, max: number) => Array.from({ length: min + Math.floor(rand() * (max - min + 1)) }, word).join(' ');
const capital = (s: string) => s.replace(/(^|\s)\S/g, (c) => c.toUpperCase());
const artists = Array.from({ length: Math.ceil(N / 8) }, () => capital(phrase(1, 3)));

const state = mkdtempSync(join(tmpdir(), 'earshot-bench-search-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
try {
  // the schema (migrations) comes from a first start
  await (await startDev({}, state)).stop();
  const t0 = performance.now();
  const db = new DatabaseSync(localDatabases(state).catalog);
  const ins = db.prepare("INSERT INTO tracks (title, artist, album, duration_s, frames, hash_count, content_sha1, fp_version, state) VALUES (?, ?, ?, 240, 20000, 0, ?, 0, 'ready')");
  db.exec('BEGIN');
  const titles: string[] = [];
  for (let i = 0; i < N; i++) {
    const title = capital(phrase(1, 5));
    titles.push(title);
    ins.run(title, artists[i % artists.length], capital(phrase(1, 3)), i.toString(16).padStart(40, '0'));
  }
  db.exec('COMMIT');
  db.close();
  const fillS = (performance.now() - t0) / 1000;
  console.log(`filled ${N} tracks in ${fillS.toFixed(1)} s`);

  const dev = await startDev({}, state);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  const kinds: [string, () => string][] = [
    ['common word', () => words[Math.floor(rand() * 5)]],
    ['rare word', () => words[5000 + Math.floor(rand() * 5000)]],
    ['two words of a title', () => pick(titles).split(' ').slice(0, 2).join(' ')],
    ['whole title', () => pick(titles)],
    ['artist', () => pick(artists)],
    ['prefix (3 letters)', () => pick(titles).slice(0, 3)],
    ['nothing matches', () => `zzq${Math.floor(rand() * 1e6)}`],
  ];
  const results = [];
  let sent = 0;
  try {
    for (const [kind, make] of kinds) {
      const ms: number[] = [];
      let hits = 0;
      for (let q = 0; q < Q; q++) {
        // the read limit is 300 per minute and address: spread the run instead of hitting it
        if (++sent % 250 === 0) await sleep(61_000);
        const t = performance.now();
        const res = await fetch(`${dev.url}/api/v1/tracks?limit=20&q=${encodeURIComponent(make())}`);
        const body = (await res.json()) as TrackList;
        ms.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${kind}: ${res.status} ${JSON.stringify(body)}`);
        hits += body.total;
      }
      ms.sort((a, b) => a - b);
      const row = { kind, queries: Q, mean_total: Math.round(hits / Q), p50_ms: +ms[Math.floor(Q * 0.5)].toFixed(1), p95_ms: +ms[Math.floor(Q * 0.95)].toFixed(1) };
      console.log(JSON.stringify(row));
      results.push(row);
    }
  } finally {
    await dev.stop();
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/search.json', JSON.stringify({ tracks: N, fill_s: +fillS.toFixed(1), results }, null, 1));
} finally {
  rmSync(state, { recursive: true, force: true });
}
