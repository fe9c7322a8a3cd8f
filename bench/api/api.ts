// `npx tsx bench/api/api.ts [--corpus ../bench-data] [--tracks 71] [--sizes 1000,10000]
//   [--queries 40] [--clients 8,32] [--out bench-results/api.json] [--keep | --state DIR] [--gzip]
//   [--set QUERIES.json] [--filler uniform|music] [--no-envelope]`
// --gzip sends the identify bodies gzipped (Content-Encoding), as the app and the CLI do.
// Bodies carry the clip's band envelope as the app's do (common/question.ts), so an
// unanswered clip pays the envelope's search; --no-envelope sends the records alone.
// --shard-of N: time one shard of an N-shard layout (docs/scale.md): the server runs with one
// index shard, filled with one N-th of the filler rows (hash % N = 0) at the density of the
// whole catalog (--sizes), and each identify sends that shard's share of the query
// (ofShard): what the shard is asked in the N-way fan-out (the answers are not confident:
// the matcher makes all its passes, each a lookup of the share).
// --clients: after the one-at-a-time timings, that many clients at once (each on its own
// kept-alive connection) send 5 s clips: throughput, round trip under load, CPU per identify.
// --set QUERIES.json: instead of the timings, ask about each clip of a query set (FORMAT.md;
// paths relative to --corpus), whole, and print the accuracy and reliability tables of the
// answers, which are written beside --out as .jsonl in the accuracy bench's form
// (ask-set.ts): issue 24's false answers and confidence bins against this catalog.
// --state DIR keeps the local D1/KV state there and reuses what an earlier run left (the
// real tracks answer "exists", filler is added only above the tracks already there), so
// one slow fill serves many timing runs.
// Through a real `wrangler dev` (local D1/KV): ingest real tracks through POST /tracks
// (rows/s, index bytes per hour of audio), then grow the index with synthetic filler to each
// size in 4-minute track-equivalents at the measured hash density, and time identify for
// 5 s and 10 s clips of the real tracks (p50/p95, client round trip and server `ms`), and
// 5 s clips of the unindexed ones, clear of the audio they share with indexed ones (the "no
// match" path: every pass the matcher has).
// Filler rows go straight into the shards' SQLite files while the server is stopped: they
// are real tracks' hash sets XORed with a random 26-bit mask per filler track, so each
// keeps a real track's internal structure but the catalog as a whole is spread uniformly.
// Real music is not: a query's hashes meet ~100x more postings in a real catalog of the same
// size (docs/scale.md), so these figures are lower bounds. --filler music sends each source
// hash to a target drawn from music's spread instead (fill.ts), so a query hash meets about
// what music would give it; a state keeps the kind it was filled with. Each shard's table
// is rebuilt in key order (fill.ts), one worker thread per shard. Each filler track gets a
// real track's band envelope played backwards in the catalog (fillerEnvelopes), so the
// envelope's search of an unanswered question meets filler candidates as it would music.
import { randomBytes } from 'node:crypto';
import type { Agent } from 'node:http';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import type { IdentifyResponse, IngestResponse, StatsResponse } from '../../common/api-types';
import { questionBody } from '../../common/question';
import { decodeHashes, encodeHashes, wireRecordsIn } from '../../common/wire';
import { contentSha1, ENVELOPE_VERSION, FP_VERSION, fingerprint, storeEnvelope, GrowingClip, fitRecords, frameSeconds, HASH_MAX, presets, type HashBatch } from '../../dsp/src/index';
import { IDENTIFY_MAX_BYTES, LISTEN_LIMIT_S } from '../../common/limits';
import { appSteps } from '../engine/looks';
import { backwards } from '../engine/filler-index';
import { BLOB_CODING } from '../../worker-api/deflate/coding';
import { decodeAudio, downmix, interleave, type DecodedAudio } from '../../dsp/src/decode/index';
import { loadEngineModule } from '../../dsp/src/node';
import { UsageError } from '../../cli/usage';
import { buildShards, type Spread } from './fill';
import { client, type Reply, send as sendTo } from './client';
import { cutAt, type Regions } from './cuts';
import { askSet, identifyAnswer } from './ask-set';
import { accuracyTable, reliabilityTable } from '../engine/report';
import { readSharedRegions } from '../engine/inputs';
import { localDatabases as databases } from '../../test/e2e/local-d1';
import { type DevServer, startDev, workerdUsage } from '../../test/e2e/wrangler-dev';

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
    clients: { type: 'string', default: '8,32' },
    'shard-of': { type: 'string' },
    set: { type: 'string' },
    filler: { type: 'string', default: 'uniform' },
    'no-envelope': { type: 'boolean', default: false },
  },
});
/** A flag's comma-separated positive whole numbers. */
function counts(flag: 'tracks' | 'sizes' | 'queries' | 'clients'): number[] {
  const list = opt[flag]!.split(',').filter(Boolean).map(Number);
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError(`--${flag} takes positive whole numbers, comma separated (got '${opt[flag]}')`);
  return list;
}
const [TRACKS] = counts('tracks');
const SIZES = counts('sizes');
const [QUERIES] = counts('queries');
const CLIENTS = counts('clients');
const SHARD_OF = opt['shard-of'] === undefined ? null : Number(opt['shard-of']);
if (SHARD_OF !== null && !(Number.isInteger(Math.log2(SHARD_OF)) && SHARD_OF >= 2)) throw new UsageError(`--shard-of takes a power of two, 2 or more (got '${opt['shard-of']}')`);
/**
 * What this run's shard is asked: every record, or with --shard-of N the share of one shard
 * of N. The layout of docs/scale.md gives each shard an equal share of the rows through its
 * bucket map, but no rule on the hash's own bits does (hash % 32 keeps 0.3 % of a query's
 * records, its time gap's low bits: docs/scale.md), so the share is 1/N of the records, picked
 * by a hash of the hash, moved into the filled shard's part of the hash space (hash % N = 0,
 * where the filler is): they meet the catalog's density of postings, not the real tracks'.
 */
const ofShard = (b: HashBatch): HashBatch => {
  if (SHARD_OF === null) return b;
  const keep = [...b.hash.keys()].filter((i) => Math.imul(b.hash[i], 0x9e3779b1) >>> 0 < 2 ** 32 / SHARD_OF);
  return { hash: Uint32Array.from(keep, (i) => b.hash[i] - (b.hash[i] % SHARD_OF)), t: Int32Array.from(keep, (i) => b.t[i]), hyp: Uint8Array.from(keep, (i) => b.hyp[i]) };
};
const SPREAD = opt.filler as Spread;
if (SPREAD !== 'uniform' && SPREAD !== 'music') throw new UsageError(`--filler is uniform or music (got '${opt.filler}')`);
const TOKEN = randomBytes(18).toString('base64url');
const TRACK_S = 240;
/** Captures asked about as the app asks, of indexed and of unindexed tracks. */
const SESSIONS = 20;
/** Requests each client sends in the load runs (at least; the run ends when all are done). */
const LOAD_PER_CLIENT = 20;
const FRAME_S = frameSeconds(presets.index);
const manifest = JSON.parse(readFileSync(join(opt.corpus!, 'corpus/manifest.json'), 'utf8')) as { id: string; path: string; indexed: boolean }[];

/** Audio to cut identify clips from; `id` -1 for a track the catalog does not hold. */
interface Source {
  id: number;
  samples: Float32Array;
  rate: number;
  /** Where the audio is also another track's: an answer there is right (unindexed tracks). */
  shared?: Regions;
}

interface Real extends Source {
  hashes: HashBatch;
  /** Its stored band envelope (dsp storeEnvelope). */
  envelope: Uint8Array;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10;
};

const agent = client();

function send(dev: DevServer, method: 'GET' | 'POST', path: string, body?: Uint8Array | string, type?: string, encoding?: string, via = agent): Promise<Reply> {
  return sendTo(dev.url, method, path, { via, body, type, encoding, token: TOKEN });
}

const post = (dev: DevServer, path: string, body: Uint8Array | string, type: string, encoding?: string, via?: Agent) => send(dev, 'POST', path, body, type, encoding, via);
const get = (dev: DevServer, path: string) => send(dev, 'GET', path);

async function ingestReal(dev: DevServer, module: WebAssembly.Module): Promise<{ reals: Real[]; rows: number; seconds: number; ingestMs: number; hours: number; reused: boolean }> {
  const picked = manifest.filter((m) => m.indexed).slice(0, TRACKS);
  const reals: Real[] = [];
  let rows = 0;
  let ingestMs = 0;
  let audioS = 0;
  let reused = false;
  for (const m of picked) {
    const bytes = readFileSync(join(opt.corpus!, m.path));
    const audio = await decodeAudio(bytes);
    const mono = heard(audio);
    // indexed as the CLI indexes: every channel, mixed by the engine (an older state: the left one)
    const indexed = leftChannelState ? [audio.channels[0]] : audio.channels;
    const { hashes, envelope } = await fingerprint(module, interleave(indexed), { sampleRate: audio.sampleRate, channels: indexed.length, preset: 'index' });
    const stored = storeEnvelope(envelope);
    const body = JSON.stringify({
      title: m.id,
      external_id: m.id,
      duration_s: mono.length / audio.sampleRate,
      content_sha1: await contentSha1(audio),
      fp_version: FP_VERSION,
      hashes: { hash: [...hashes.hash], t: [...hashes.t] },
      // as the CLI ingests: the band envelope too (the index's bytes count it)
      envelope: { version: ENVELOPE_VERSION, data: Buffer.from(stored).toString('base64url') },
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
    reals.push({ id: json.track.id, samples: mono, rate: audio.sampleRate, hashes, envelope: stored });
  }
  return { reals, rows, seconds: audioS, ingestMs, hours: audioS / 3600, reused };
}

/** What a filler track's catalog title starts with (its id follows). */
const FILLER_TITLE = 'filler';

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
    ins.run(firstId + k, `${FILLER_TITLE} ${firstId + k}`, TRACK_S, Math.round(TRACK_S / FRAME_S), rowsPerTrack, randomBytes(20).toString('hex'), FP_VERSION);
  }
  cat.exec('COMMIT');
  cat.close();
  // a random 26-bit mask per filler track; each shard's table is rebuilt in key order
  const random = randomBytes(4 * n);
  const masks = Uint32Array.from({ length: n }, (_, k) => random.readUInt32LE(4 * k) & HASH_MAX);
  const sources = reals.map((r) => ({ hash: r.hashes.hash.slice(), t: r.hashes.t.slice() })); // copies: workers get only these
  // with --shard-of, INDEX_0 (the only shard with rows) gets the filler of one shard of N
  const jobs = SHARD_OF === null ? shards.map((file, parity) => ({ file, shards: shards.length, parity })) : shards.filter(Boolean).map((file) => ({ file, shards: SHARD_OF, parity: 0 }));
  const built = await buildShards(jobs.map((j) => ({ ...j, spread: SPREAD, sources, masks, firstId, rowsPerTrack })));
  console.log('fill', JSON.stringify(built));
  return built.reduce((s, r) => s + r.filler, 0);
}

/**
 * Gives every filler track without one a band envelope, as the in-process filler has them
 * (bench/engine/filler-index.ts): a real track's, played backwards, so an unanswered
 * question's search meets as many stored envelopes, and as much chance, as in a catalog of
 * music. A state filled before this gets them on its next run.
 */
function fillerEnvelopes(state: string, reals: Real[]): number {
  const cat = new DatabaseSync(databases(state).catalog);
  try {
    const missing = cat
      .prepare("SELECT id FROM tracks WHERE title LIKE ? AND id NOT IN (SELECT track_id FROM track_envelopes) ORDER BY id")
      .all(`${FILLER_TITLE} %`) as { id: number }[];
    if (missing.length === 0) return 0;
    // as the API stores them (worker-api/deflate)
    const blobs = reals.map((r) => deflateRawSync(backwards(r.envelope)));
    const ins = cat.prepare('INSERT INTO track_envelopes (track_id, version, coding, data) VALUES (?, ?, ?, ?)');
    cat.exec('BEGIN');
    for (const { id } of missing) ins.run(id, ENVELOPE_VERSION, BLOB_CODING.deflateRaw, blobs[id % blobs.length]);
    cat.exec('COMMIT');
    return missing.length;
  } finally {
    cat.close();
  }
}

/** The corpus' unindexed tracks: their clips are answered "no match", after every pass the matcher has. */
async function unknownSources(): Promise<Source[]> {
  const regions = await readSharedRegions(join(opt.corpus!, 'corpus/shared_regions.json'));
  const sources: Source[] = [];
  for (const m of manifest.filter((t) => !t.indexed)) {
    const audio = await decodeAudio(readFileSync(join(opt.corpus!, m.path)));
    sources.push({ id: -1, samples: heard(audio), rate: audio.sampleRate, shared: regions[m.id] });
  }
  return sources;
}

interface Query {
  id: number;
  body: Uint8Array;
}

/**
 * The identify body for a whole clip: as the app packs it, or its query records alone (as
 * many as one request holds) with --no-envelope, and with --shard-of, whose shard is asked
 * for its share of the records only (the envelope is searched once, after the fan-out).
 */
async function clipBody(module: WebAssembly.Module, clip: Float32Array, rate: number): Promise<Uint8Array> {
  const { hashes, envelope } = await fingerprint(module, clip, { sampleRate: rate, preset: 'query' });
  const body =
    SHARD_OF === null && !opt['no-envelope'] ? questionBody([hashes], { steps: envelope, firstStep: 0 }) : encodeHashes(ofShard(fitRecords([hashes], wireRecordsIn(IDENTIFY_MAX_BYTES))), FP_VERSION);
  return opt.gzip ? gzipSync(body) : body;
}

/**
 * Identify bodies for `count` clips of `seconds` from `sources`, all made before any clock
 * runs: fingerprinting between requests would leave its garbage to be collected during the
 * next timed request.
 */
async function makeQueries(module: WebAssembly.Module, sources: Source[], seconds: number, count: number): Promise<Query[]> {
  const queries: Query[] = [];
  for (let q = 0; q < count; q++) {
    const r = sources[q % sources.length];
    const from = cutAt(r.samples.length / r.rate, q, seconds, r.shared);
    const clip = r.samples.subarray(from * r.rate, (from + seconds) * r.rate);
    queries.push({ id: r.id, body: await clipBody(module, clip, r.rate) });
  }
  return queries;
}

const identify = (dev: DevServer, { body }: Query, via?: Agent) => post(dev, '/identify', body, 'application/octet-stream', opt.gzip ? 'gzip' : undefined, via);

/**
 * workerd's CPU ms per identify while `run` sends `count` of them (its 10 ms ticks averaged
 * out), and the share of wrangler's dev proxy in it, which a deployed Worker does not pay.
 */
async function cpuPer<T>(dev: DevServer, count: number, run: () => Promise<T>): Promise<[T, { cpu_ms: number; proxy_cpu_ms: number }]> {
  const before = workerdUsage(dev);
  const out = await run();
  const after = workerdUsage(dev);
  if (before.proxyCpuMs === null || after.proxyCpuMs === null) throw new Error(`no workerd listens on ${dev.url}: the dev proxy's CPU cannot be told apart`);
  const per = (ms: number) => Math.round((ms / count) * 10) / 10;
  return [out, { cpu_ms: per(after.cpuMs - before.cpuMs), proxy_cpu_ms: per(after.proxyCpuMs - before.proxyCpuMs) }];
}

async function timeQueries(dev: DevServer, module: WebAssembly.Module, sources: Source[], seconds: number, count: number) {
  const queries = await makeQueries(module, sources, seconds, count);
  const wall: number[] = [];
  const server: number[] = [];
  const matchMs: number[] = [];
  const inputMs: number[] = [];
  // the matcher's passes, distinct hashes looked up and postings read from the shards, as the answer's Server-Timing says
  let passes = 0;
  let hashes = 0;
  let read = 0;
  let correct = 0;
  let bytes = 0;
  const [, cpu] = await cpuPer(dev, count, async () => {
    for (const q of queries) {
      bytes += q.body.length;
      const t0 = performance.now();
      const res = await identify(dev, q);
      const a = res.json<IdentifyResponse>();
      wall.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`identify: ${res.status} ${JSON.stringify(a)}`);
      server.push(a.ms);
      const timing = String(res.headers['server-timing'] ?? '');
      matchMs.push(Number(/match;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN));
      inputMs.push(Number(/input;dur=([\d.]+)/.exec(timing)?.[1] ?? NaN));
      passes += Number(/desc="(\d+) passes/.exec(timing)?.[1] ?? NaN);
      hashes += Number(/ (\d+) hashes/.exec(timing)?.[1] ?? NaN);
      read += Number(/ (\d+) read/.exec(timing)?.[1] ?? NaN);
      if (q.id < 0 ? a.status !== 'match' : a.status === 'match' && a.matches[0].track.id === q.id) correct++;
    }
  });
  return { seconds, queries: count, load: loadavg()[0].toFixed(2), p50_ms: pct(wall, 0.5), p95_ms: pct(wall, 0.95), server_p50_ms: pct(server, 0.5), server_p95_ms: pct(server, 0.95), match_p50_ms: pct(matchMs, 0.5), match_p95_ms: pct(matchMs, 0.95), input_p50_ms: pct(inputMs, 0.5), input_p95_ms: pct(inputMs, 0.95), ...cpu, passes_mean: passes / count, hashes_mean: Math.round(hashes / count), read_mean: Math.round(read / count), hit_rate: correct / count, mean_body_bytes: Math.round(bytes / count) };
}

/** One capture's questions as the app sends them (bench/engine/looks.ts), and whose clip it is. */
interface Session {
  id: number;
  asks: Uint8Array[];
}

/** `count` captures of up to LISTEN_LIMIT_S from `sources`, each a list of the app's questions. */
async function makeSessions(module: WebAssembly.Module, sources: Source[], count: number): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let q = 0; q < count; q++) {
    const r = sources[q % sources.length];
    const from = cutAt(r.samples.length / r.rate, q, LISTEN_LIMIT_S, r.shared);
    const clip = r.samples.subarray(from * r.rate, (from + LISTEN_LIMIT_S) * r.rate);
    const growing = await GrowingClip.create(module, { sampleRate: r.rate, channels: 1, config: presets.query });
    const asks: Uint8Array[] = [];
    for await (const { ask } of appSteps(growing, clip, 1, r.rate, 0.25)) {
      if (!ask) continue;
      const body = opt['no-envelope'] ? encodeHashes(decodeHashes(ask).batch, FP_VERSION) : ask;
      asks.push(opt.gzip ? gzipSync(body) : body);
    }
    sessions.push({ id: r.id, asks });
  }
  return sessions;
}

/**
 * Captures asked about as the app asks (one session id, the looks counted), each until its
 * answer or the end of its questions: CPU and postings read from the shards per capture,
 * which is what a user's tap costs (the isolate's postings cache serves what earlier
 * questions read).
 */
async function timeSessions(dev: DevServer, sessions: Session[]) {
  let questions = 0;
  let read = 0;
  let looked = 0;
  let correct = 0;
  const [, cpu] = await cpuPer(dev, sessions.length, async () => {
    for (const [k, s] of sessions.entries()) {
      const session = `bench-${Date.now()}-${k}`;
      for (const [i, body] of s.asks.entries()) {
        const res = await post(dev, `/identify?session=${session}&look=${i + 1}`, body, 'application/octet-stream', opt.gzip ? 'gzip' : undefined);
        const a = res.json<IdentifyResponse>();
        if (res.status !== 200) throw new Error(`session identify: ${res.status} ${JSON.stringify(a)}`);
        questions++;
        const [, postings, fromShards] = /(\d+) postings, (\d+) read/.exec(String(res.headers['server-timing'] ?? '')) ?? [];
        looked += Number(postings);
        read += Number(fromShards);
        if (a.status === 'match') {
          if (a.matches[0].track.id === s.id) correct++;
          break;
        }
      }
    }
  });
  const n = sessions.length;
  return { sessions: n, load: loadavg()[0].toFixed(2), questions_per_session: Math.round((questions / n) * 10) / 10, cpu_ms_per_session: Math.round(cpu.cpu_ms), proxy_cpu_ms_per_session: Math.round(cpu.proxy_cpu_ms), postings_per_session: Math.round(looked / n), read_per_session: Math.round(read / n), hit_rate: correct / n };
}

/** `clients` at once, each on its own connection, until each has sent LOAD_PER_CLIENT identifies. */
async function timeLoad(dev: DevServer, queries: Query[], clients: number) {
  const total = clients * LOAD_PER_CLIENT;
  const wall: number[] = [];
  let next = 0;
  let correct = 0;
  const t0 = performance.now();
  const [, cpu] = await cpuPer(dev, total, () =>
    Promise.all(
      Array.from({ length: clients }, async () => {
        const via = client();
        for (let k = next++; k < total; k = next++) {
          const q = queries[k % queries.length];
          const s = performance.now();
          const res = await identify(dev, q, via);
          wall.push(performance.now() - s);
          if (res.status !== 200) throw new Error(`identify under load: ${res.status}`);
          const a = res.json<IdentifyResponse>();
          if (a.status === 'match' && a.matches[0].track.id === q.id) correct++;
        }
        via.destroy();
      }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { clients, requests: total, load: loadavg()[0].toFixed(2), per_s: Math.round((total / seconds) * 10) / 10, p50_ms: pct(wall, 0.5), p95_ms: pct(wall, 0.95), ...cpu, hit_rate: correct / total };
}

/**
 * Round trip and CPU of a request the Worker answers without I/O: what the local dev proxy,
 * the client and the app's middleware add to every request.
 */
async function timeHealth(dev: DevServer, count: number) {
  const wall: number[] = [];
  const [, cpu] = await cpuPer(dev, count, async () => {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await get(dev, '/health');
      wall.push(performance.now() - t0);
    }
  });
  return { p50_ms: pct(wall, 0.5), p95_ms: pct(wall, 0.95), ...cpu };
}

const module = await loadEngineModule();
const state = opt.state ?? join(tmpdir(), `earshot-bench-${Date.now()}`);
/**
 * A state built before this mark indexed its real tracks from their left channel; its clips
 * are cut from that channel too, so that it keeps measuring what it measured.
 */
const downmixMark = join(state, 'real-tracks-downmixed');
const builtBefore = existsSync(join(state, 'v3'));
const leftChannelState = builtBefore && !existsSync(downmixMark);
mkdirSync(state, { recursive: true });
if (leftChannelState) console.log(`${state} indexed its real tracks from their left channel: clips are cut from it too`);
else writeFileSync(downmixMark, '');
// one state, one kind of filler (states from before the record hold uniform filler)
const spreadFile = join(state, 'filler-spread');
const stateSpread = existsSync(spreadFile) ? readFileSync(spreadFile, 'utf8') : builtBefore ? 'uniform' : SPREAD;
if (stateSpread !== SPREAD) throw new UsageError(`${state} holds ${stateSpread} filler: --filler ${stateSpread}, or another --state`);
writeFileSync(spreadFile, SPREAD);
/** The signal clips are cut from: the channels' mix, as the index hears them. */
function heard(audio: DecodedAudio): Float32Array {
  return leftChannelState ? audio.channels[0] : downmix(audio.channels);
}
// decoded before the server starts: a long pause would let it close the kept-alive socket
const unknown = await unknownSources();
const start = () => startDev({ ADMIN_TOKEN: TOKEN, ...(SHARD_OF === null ? {} : { INDEX_SHARDS: '1' }) }, state);
let dev = await start();
/** Random hashes: warms a fresh isolate and SQLite's page cache without reading any clip's postings. */
const warmBody = (() => {
  const r = randomBytes(8000);
  return encodeHashes({ hash: Uint32Array.from({ length: 2000 }, (_, i) => r.readUInt32LE(4 * i) & HASH_MAX), t: new Int32Array(2000), hyp: new Uint8Array(2000) }, FP_VERSION);
})();
/**
 * Runs `phase` on a freshly started server: the isolate keeps the postings it has read, and a
 * phase must not be served what an earlier one read (clips of one track overlap).
 */
async function cold<T>(phase: () => Promise<T>): Promise<T> {
  await dev.stop();
  dev = await start();
  await identify(dev, { id: -1, body: warmBody });
  return phase();
}
const report: Record<string, unknown> = { date: new Date().toISOString(), fp_version: FP_VERSION, filler: SPREAD, shards: SHARD_OF === null ? 2 : `1 of ${SHARD_OF}` };
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
  for (const target of SIZES) {
    await dev.stop();
    const t0 = performance.now();
    const written = target > have ? await fill(state, real.reals, have, target, rowsPerTrack) : 0;
    const enveloped = fillerEnvelopes(state, real.reals);
    if (enveloped > 0) console.log(`filler envelopes written: ${enveloped}`);
    const fillS = (performance.now() - t0) / 1000;
    have = Math.max(have, target);
    dev = await start();
    const stats = (await get(dev, '/stats')).json<StatsResponse>();
    const grown = { tracks: stats.tracks, hash_rows: stats.hash_rows, index_bytes: stats.index_bytes, filler_rows_written: written, filler_s: Math.round(fillS) };
    if (opt.set) {
      const { queries, answers } = await cold(() =>
        askSet(opt.set!, opt.corpus!, (samples, rate) => clipBody(module, samples, rate), (body) => identifyAnswer(() => identify(dev, { id: -1, body }))),
      );
      const answersFile = opt.out!.replace(/(\.json)?$/, `-${target}.jsonl`);
      mkdirSync(join(answersFile, '..'), { recursive: true });
      writeFileSync(answersFile, answers.map((a) => JSON.stringify(a)).join('\n') + '\n');
      console.log(`${accuracyTable(queries, answers)}\n\n${reliabilityTable(queries, answers)}`);
      const answered = answers.filter((a) => a.top !== null).length;
      sizes.push({ ...grown, set: opt.set, answers: answersFile, clips: answers.length, answered });
      continue;
    }
    const row = {
      ...grown,
      health: await timeHealth(dev, 200),
      q5: await cold(() => timeQueries(dev, module, real.reals, 5, QUERIES)),
      q10: await cold(() => timeQueries(dev, module, real.reals, 10, QUERIES)),
      // hit_rate here is the share answered "no match"
      q5_unknown: await cold(() => timeQueries(dev, module, unknown, 5, QUERIES)),
      load: [] as unknown[],
      sessions: null as unknown,
      sessions_unknown: null as unknown,
    };
    // whole identifies only: a shard's share is never answered
    if (SHARD_OF === null) {
      row.sessions = await cold(async () => timeSessions(dev, await makeSessions(module, real.reals, SESSIONS)));
      // hit_rate here is the share named (none should be)
      row.sessions_unknown = await cold(async () => timeSessions(dev, await makeSessions(module, unknown, SESSIONS)));
      for (const clients of CLIENTS) {
        // every request a clip of its own: a clip asked about again would be read from the isolate's cache
        const queries = await makeQueries(module, real.reals, 5, clients * LOAD_PER_CLIENT);
        row.load.push(await cold(() => timeLoad(dev, queries, clients)));
      }
    }
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
