// `npx tsx bench/api/api.ts [--corpus ../bench-data] [--tracks 71] [--sizes 1000,10000]
//   [--queries 40] [--out bench-results/api.json] [--keep | --state DIR] [--gzip]`
// --gzip sends the identify bodies gzipped (Content-Encoding), as the app and the CLI do.
// --state DIR keeps the local D1/KV state there and reuses what an earlier run left (the
// real tracks answer "exists", filler is added only above the tracks already there), so
// one slow fill serves many timing runs.
// Through a real `wrangler dev` (local D1/KV): ingest real tracks through POST /tracks
// (rows/s, index bytes per hour of audio), then grow the index with synthetic filler to each
// size in 4-minute track-equivalents at the measured hash density, and time identify for
// 5 s and 10 s clips of the real tracks (p50/p95, client round trip and server `ms`), and
// 5 s clips of the unindexed ones (the "no match" path: every pass the matcher has).
// Filler rows go straight into the shards' SQLite files while the server is stopped: they
// are real tracks' hash sets XORed with a random 26-bit mask per filler track, so each
// keeps a real track's internal structure but the catalog as a whole is spread uniformly
// (real catalogs have popular hashes: this under-counts postings a little). Each shard's
// table is rebuilt in key order (bench-fill.ts), one worker thread per shard.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import type { IdentifyResponse, IngestResponse, StatsResponse } from '../../common/api-types';
import { encodeHashes, wireRecordsIn } from '../../common/wire';
import { contentSha1, FP_VERSION, fingerprint, fitRecords, frameSeconds, HASH_MAX, presets, type HashBatch } from '../../dsp/src/index';
import { IDENTIFY_MAX_BYTES } from '../../common/limits';
import { decodeAudio } from '../../dsp/src/decode/index';
import { loadEngineModule } from '../../dsp/src/node';
import { buildShards } from './fill';
import { localDatabases as databases } from '../../test/e2e/local-d1';
import { type DevServer, startDev } from '../../test/e2e/wrangler-dev';

const { values: opt } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../bench-data' },
    tracks: { type: 'string', default: '71' },
    sizes: { type: 'string', default: '1000,10000' },
    queries: { type: 'string', default: '40' },
    out: { type: 'string', default: 'bench-results/api.json' },
    keep: { type: 'boolean', default: false },
    state: { type: 'string' },
    gzip: { type: 'boolean', default: false },
  },
});
const TOKEN = randomBytes(18).toString('base64url');
const TRACK_S = 240;
/** Timed identify requests per burst, and the pause between bursts. */
const BLOCK = 40;
const BLOCK_PAUSE_MS = 30_000;
const FRAME_S = frameSeconds(presets.index);
const manifest = JSON.parse(readFileSync(join(opt.corpus!, 'corpus/manifest.json'), 'utf8')) as { id: string; path: string; indexed: boolean }[];

/** Audio to cut identify clips from; `id` -1 for a track the catalog does not hold. */
interface Source {
  id: number;
  samples: Float32Array;
  rate: number;
}

interface Real extends Source {
  hashes: HashBatch;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10;
};

/**
 * The timing client: node:http over one kept-alive connection, as a phone's browser keeps
 * its connection. Node's fetch (undici) adds 2-3 ms at the median and ~6 ms at p95 to every
 * request on this machine (interleaved with this client on the same identify bodies), which
 * is the client's cost, not the API's.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: <T>() => T;
}

function send(dev: DevServer, method: 'GET' | 'POST', path: string, body?: Uint8Array | string, type?: string, encoding?: string): Promise<Reply> {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  const headers: Record<string, string | number> = { authorization: `Bearer ${TOKEN}` };
  if (data) headers['content-type'] = type!;
  if (data) headers['content-length'] = data.length;
  if (encoding) headers['content-encoding'] = encoding;
  return new Promise((resolve, reject) => {
    const req = request(`${dev.url}/api/v1${path}`, { method, agent, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

const post = (dev: DevServer, path: string, body: Uint8Array | string, type: string, encoding?: string) => send(dev, 'POST', path, body, type, encoding);
const get = (dev: DevServer, path: string) => send(dev, 'GET', path);

async function ingestReal(dev: DevServer, module: WebAssembly.Module): Promise<{ reals: Real[]; rows: number; seconds: number; ingestMs: number; hours: number; reused: boolean }> {
  const picked = manifest.filter((m) => m.indexed).slice(0, Number(opt.tracks));
  const reals: Real[] = [];
  let rows = 0;
  let ingestMs = 0;
  let audioS = 0;
  let reused = false;
  for (const m of picked) {
    const bytes = readFileSync(join(opt.corpus!, m.path));
    const audio = await decodeAudio(bytes);
    const mono = audio.channels[0];
    const { hashes } = await fingerprint(module, mono, { sampleRate: audio.sampleRate, preset: 'index' });
    const body = JSON.stringify({
      title: m.id,
      external_id: m.id,
      duration_s: mono.length / audio.sampleRate,
      content_sha1: await contentSha1(audio),
      fp_version: FP_VERSION,
      hashes: { hash: [...hashes.hash], t: [...hashes.t] },
      force: true,
    });
    const t0 = performance.now();
    const res = await post(dev, '/tracks', body, 'application/json');
    ingestMs += performance.now() - t0;
    const json = res.json<IngestResponse>();
    if (json.status === 'exists') reused = true;
    else if (json.status !== 'created') throw new Error(`${m.id}: ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
    rows += json.track.hash_count;
    audioS += mono.length / audio.sampleRate;
    reals.push({ id: json.track.id, samples: mono, rate: audio.sampleRate, hashes });
  }
  return { reals, rows, seconds: audioS, ingestMs, hours: audioS / 3600, reused };
}

/** Adds filler tracks (ids from the next free one) until the catalog holds `target` track-equivalents. */
async function fill(state: string, reals: Real[], have: number, target: number, rowsPerTrack: number): Promise<number> {
  const { catalog, shards } = databases(state);
  const cat = new DatabaseSync(catalog);
  const firstId = (cat.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM tracks').get() as { id: number }).id;
  const n = target - have;
  const ins = cat.prepare(
    "INSERT INTO tracks (id, title, duration_s, frames, hash_count, content_sha1, fp_version, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'ready')",
  );
  cat.exec('BEGIN');
  for (let k = 0; k < n; k++) {
    ins.run(firstId + k, `filler ${firstId + k}`, TRACK_S, Math.round(TRACK_S / FRAME_S), rowsPerTrack, randomBytes(20).toString('hex'), FP_VERSION);
  }
  cat.exec('COMMIT');
  cat.close();
  // a random 26-bit mask per filler track; each shard's table is rebuilt in key order
  const random = randomBytes(4 * n);
  const masks = Uint32Array.from({ length: n }, (_, k) => random.readUInt32LE(4 * k) & HASH_MAX);
  const sources = reals.map((r) => ({ hash: r.hashes.hash.slice(), t: r.hashes.t.slice() })); // copies: workers get only these
  const built = await buildShards(shards.map((file, parity) => ({ file, shards: shards.length, parity, sources, masks, firstId, rowsPerTrack })));
  console.log('fill', JSON.stringify(built));
  return built.reduce((s, r) => s + r.filler, 0);
}

/** The corpus' unindexed tracks: their clips are answered "no match", after every pass the matcher has. */
async function unknownSources(): Promise<Source[]> {
  const sources: Source[] = [];
  for (const m of manifest.filter((t) => !t.indexed)) {
    const audio = await decodeAudio(readFileSync(join(opt.corpus!, m.path)));
    sources.push({ id: -1, samples: audio.channels[0], rate: audio.sampleRate });
  }
  return sources;
}

async function timeQueries(dev: DevServer, module: WebAssembly.Module, reals: Source[], seconds: number, count: number) {
  // every body is made before the clock runs: fingerprinting between requests would leave
  // its garbage to be collected during the next timed request
  const queries: { id: number; body: Uint8Array }[] = [];
  for (let q = 0; q < count; q++) {
    const r = reals[q % reals.length];
    const from = Math.floor(((q * 7919) % 1000) / 1000 * Math.max(1, r.samples.length / r.rate - seconds - 1));
    const clip = r.samples.subarray(from * r.rate, (from + seconds) * r.rate);
    const { hashes } = await fingerprint(module, clip, { sampleRate: r.rate, preset: 'query' });
    const body = encodeHashes(fitRecords([hashes], wireRecordsIn(IDENTIFY_MAX_BYTES)), FP_VERSION);
    queries.push({ id: r.id, body: opt.gzip ? gzipSync(body) : body });
  }
  const wall: number[] = [];
  const server: number[] = [];
  const matchMs: number[] = [];
  const inputMs: number[] = [];
  let searchedAgain = 0;
  let widened = 0;
  let correct = 0;
  let bytes = 0;
  for (const [q, { id, body }] of queries.entries()) {
    // the identify rate limit is 120 a minute from one address (wrangler.toml)
    if (q % BLOCK === 0 && count >= BLOCK) await new Promise((r) => setTimeout(r, BLOCK_PAUSE_MS));
    bytes += body.length;
    const t0 = performance.now();
    const res = await post(dev, '/identify', body, 'application/octet-stream', opt.gzip ? 'gzip' : undefined);
    const a = res.json<IdentifyResponse>();
    wall.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`identify: ${res.status} ${JSON.stringify(a)}`);
    server.push(a.ms);
    const timing = String(res.headers['server-timing'] ?? '');
    matchMs.push(Number(/match;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN));
    inputMs.push(Number(/input;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN));
    if (/desc="[23] passes/.test(timing)) searchedAgain++;
    if (/desc="3 passes/.test(timing)) widened++;
    if (id < 0 ? a.status !== 'match' : a.status === 'match' && a.matches[0].track.id === id) correct++;
  }
  return { seconds, queries: count, load: loadavg()[0].toFixed(2), p50_ms: pct(wall, 0.5), p95_ms: pct(wall, 0.95), server_p50_ms: pct(server, 0.5), server_p95_ms: pct(server, 0.95), match_p50_ms: pct(matchMs, 0.5), match_p95_ms: pct(matchMs, 0.95), input_p50_ms: pct(inputMs, 0.5), input_p95_ms: pct(inputMs, 0.95), two_pass_rate: searchedAgain / count, three_pass_rate: widened / count, hit_rate: correct / count, mean_body_bytes: Math.round(bytes / count) };
}

/** Round trip of a request the Worker answers without I/O: what the local dev proxy and the client add. */
async function timeHealth(dev: DevServer, count: number) {
  const wall: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await get(dev, '/health');
    wall.push(performance.now() - t0);
  }
  return { p50_ms: pct(wall, 0.5), p95_ms: pct(wall, 0.95) };
}

const module = await loadEngineModule();
const state = opt.state ?? join(tmpdir(), `earshot-bench-${Date.now()}`);
mkdirSync(state, { recursive: true });
// decoded before the server starts: a long pause would let it close the kept-alive socket
const unknown = await unknownSources();
let dev = await startDev({ ADMIN_TOKEN: TOKEN }, state);
const report: Record<string, unknown> = { date: new Date().toISOString(), fp_version: FP_VERSION, shards: 2 };
try {
  const empty = (await get(dev, '/stats')).json<StatsResponse>();
  const real = await ingestReal(dev, module);
  const after = (await get(dev, '/stats')).json<StatsResponse>();
  const rowsPerTrack = Math.round((real.rows / real.seconds) * TRACK_S);
  report.ingest = real.reused ? { reused: state } : {
    tracks: real.reals.length,
    hours: Math.round(real.hours * 1000) / 1000,
    rows: real.rows,
    rows_per_s: Math.round(real.rows / (real.ingestMs / 1000)),
    ms_per_track: Math.round(real.ingestMs / real.reals.length),
    rows_per_hour: Math.round(real.rows / real.hours),
    index_bytes_per_hour: Math.round((after.index_bytes - empty.index_bytes) / real.hours),
    rows_per_4min_track: rowsPerTrack,
  };
  console.log('ingest', report.ingest);
  const sizes: unknown[] = [];
  let have = after.tracks;
  for (const target of opt.sizes!.split(',').filter(Boolean).map(Number)) {
    await dev.stop();
    const t0 = performance.now();
    const written = target > have ? await fill(state, real.reals, have, target, rowsPerTrack) : 0;
    const fillS = (performance.now() - t0) / 1000;
    have = Math.max(have, target);
    dev = await startDev({ ADMIN_TOKEN: TOKEN }, state);
    const stats = (await get(dev, '/stats')).json<StatsResponse>();
    // one untimed query warms the isolate and the page cache
    await timeQueries(dev, module, real.reals, 5, 2);
    const row = {
      tracks: stats.tracks,
      hash_rows: stats.hash_rows,
      index_bytes: stats.index_bytes,
      filler_rows_written: written,
      filler_s: Math.round(fillS),
      health: await timeHealth(dev, 40),
      q5: await timeQueries(dev, module, real.reals, 5, Number(opt.queries)),
      q10: await timeQueries(dev, module, real.reals, 10, Number(opt.queries)),
      // hit_rate here is the share answered "no match"
      q5_unknown: await timeQueries(dev, module, unknown, 5, Number(opt.queries)),
    };
    console.log('size', JSON.stringify(row));
    sizes.push(row);
  }
  report.identify = sizes;
} finally {
  await dev.stop();
  if (opt.keep || opt.state) console.log(`state kept in ${state}`);
  else rmSync(state, { recursive: true, force: true });
}
mkdirSync(join(opt.out!, '..'), { recursive: true });
writeFileSync(opt.out!, JSON.stringify(report, null, 2));
console.log(`wrote ${opt.out}`);
