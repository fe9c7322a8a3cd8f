// `npm run bench -- tunescout [--corpus ../bench-data] [--runs 3] [--out bench-results/tunescout.json]`
// CPU time and memory of the TuneScout endpoints inside a real `wrangler dev`: the workerd
// process serves nothing else, so its CPU clock (utime + stime) across a request is that
// request's CPU time, and its resident memory sampled every 5 ms during the request bounds
// what the request holds. Inputs are real music from the dev corpus; ffmpeg cuts and
// re-encodes them (a benchmark-only dependency): a 4-minute Ogg Vorbis track to
// fingerprint, a 10 s MP3 clip of it to recognize, and a 10-minute FLAC to fingerprint.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { decodeAudio, interleave } from '../../dsp/src/decode/index';
import { fingerprint } from '../../dsp/src/index';
import { listen } from '../../dsp/src/listen';
import { loadEngineModule } from '../../dsp/src/node';
import { type DevServer, startDev, workerdUsage as workerd } from '../../test/e2e/wrangler-dev';

const { values: opt } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../bench-data' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench-results/tunescout.json' },
    'memory-child': { type: 'string' },
  },
  allowPositionals: true,
});
const TOKEN = 'bench-tunescout-token-0123456789';
interface Sample {
  status: number;
  cpuMs: number;
  wallMs: number;
  rssBeforeMb: number;
  rssPeakMb: number;
}

async function measure(dev: DevServer, send: () => Promise<Response>): Promise<Sample> {
  const before = workerd(dev);
  const rssBeforeMb = before.rssMb;
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, workerd(dev).rssMb)), 5);
  const t0 = performance.now();
  const res = await send();
  await res.arrayBuffer();
  const wallMs = performance.now() - t0;
  clearInterval(sampler);
  return { status: res.status, cpuMs: workerd(dev).cpuMs - before.cpuMs, wallMs, rssBeforeMb, rssPeakMb };
}

function upload(dev: DevServer, path: string, file: string, mime: string, fields: [string, string][] = [], auth = false, fileFirst = false): () => Promise<Response> {
  return () => {
    const form = new FormData();
    const addFile = () => form.append('file', new Blob([readFileSync(file)], { type: mime }), basename(file));
    if (fileFirst) addFile();
    for (const [k, v] of fields) form.append(k, v);
    if (!fileFirst) addFile();
    return fetch(`${dev.url}/api${path}`, { method: 'POST', body: form, headers: auth ? { authorization: `Bearer ${TOKEN}` } : {} });
  };
}

/**
 * Peak resident memory (VmHWM) of a fresh process that fingerprints `file` the way `mode`
 * says: `stream` is the Worker's listener (dsp/src/listen.ts) reading 64 KB pieces, `whole`
 * decodes the file whole first, `idle` only loads the engine (the process's own floor). A
 * fresh process per case: nothing earlier skews the peak.
 */
function peakMb(mode: 'stream' | 'whole' | 'idle', file: string): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--memory-child', mode, file], { encoding: 'utf8' });
  return Number(/peak (\d+(?:\.\d+)?)/.exec(out)![1]);
}

async function memoryChild(mode: string, file: string): Promise<void> {
  const engine = await loadEngineModule();
  if (mode === 'whole') {
    const audio = await decodeAudio(new Uint8Array(readFileSync(file)));
    await fingerprint(engine, interleave(audio.channels), { sampleRate: audio.sampleRate, channels: audio.channels.length, preset: 'index' });
  } else if (mode === 'stream') {
    // read as the network delivers it: never the whole file at once
    const pieces = createReadStream(file, { highWaterMark: 65536 }) as AsyncIterable<Uint8Array>;
    const sha1 = createHash('sha1');
    await listen(pieces, { engine, preset: 'index', fromS: 0, untilS: null, onPcm: (x) => void sha1.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)) });
  }
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
  console.log(`peak ${hwm.toFixed(1)}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(opt.corpus!, 'corpus/manifest.json'), 'utf8')) as { path: string; duration_s: number }[];
  const near = (ext: string, s: number) => manifest.filter((m) => m.path.endsWith(ext)).sort((a, b) => Math.abs(a.duration_s - s) - Math.abs(b.duration_s - s))[0];
  const ogg = near('.ogg', 240);
  const long = manifest.filter((m) => m.duration_s >= 600).sort((a, b) => a.duration_s - b.duration_s)[0];
  const tmp = mkdtempSync(join(tmpdir(), 'earshot-bench-ts-'));
  const oggFile = join(opt.corpus!, ogg.path);
  const clip = join(tmp, 'clip-10s.mp3');
  const flac = join(tmp, 'ten-minutes.flac');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '60', '-t', '10', '-i', oggFile, '-c:a', 'libmp3lame', '-b:a', '128k', clip]);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-t', '600', '-i', join(opt.corpus!, long.path), '-ar', '44100', '-ac', '2', '-sample_fmt', 's16', '-c:a', 'flac', flac]);
  const size = (f: string) => Math.round(readFileSync(f).length / 1024 / 102.4) / 10;
  console.log(`inputs: ${ogg.path} (${ogg.duration_s.toFixed(0)} s, ${size(oggFile)} MB), 10 s MP3 clip of it, 600 s FLAC from ${long.path} (${size(flac)} MB)`);

  const oneMinute = join(tmp, 'one-minute.flac');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-t', '60', '-i', flac, '-c:a', 'copy', oneMinute]);
  const memory: Record<string, { streamPeakMb: number; wholePeakMb: number }> = {};
  const idleMb = peakMb('idle', oneMinute);
  console.log(`peak RSS of a process that only loads the engine: ${idleMb.toFixed(0)} MB`);
  for (const f of [oneMinute, flac]) {
    const m = (memory[basename(f)] = { streamPeakMb: peakMb('stream', f), wholePeakMb: peakMb('whole', f) });
    console.log(`peak RSS of a process fingerprinting ${basename(f)} (${size(f)} MB): streamed ${m.streamPeakMb.toFixed(0)} MB, decoded whole first ${m.wholePeakMb.toFixed(0)} MB`);
  }

  const dev = await startDev({ TUNESCOUT_TOKEN: TOKEN, TUNESCOUT_MAX_FILE_SIZE_MB: '100' });
  const results: Record<string, Sample[]> = {};
  try {
    const runs = Number(opt.runs);
    const cases: [string, () => Promise<Response>][] = [
      ['baseline: GET /api/fetch (unknown token)', () => fetch(`${dev.url}/api/fetch/AAAAAAAAAAAAAAAAAAAA`)],
      ['fingerprint: 4-min Ogg Vorbis', upload(dev, '/fingerprint', oggFile, 'audio/ogg', [], true)],
      ['recognize: 10 s MP3 clip', upload(dev, '/recognize', clip, 'audio/mpeg')],
      ['recognize: 4-min Ogg, start/duration before the file', upload(dev, '/recognize', oggFile, 'audio/ogg', [['start', '60'], ['duration', '10']])],
      ['recognize: 4-min Ogg, start/duration after the file (web UI order)', upload(dev, '/recognize', oggFile, 'audio/ogg', [['start', '60'], ['duration', '10']], false, true)],
      ['fingerprint: 10-min FLAC, 44.1 kHz stereo', upload(dev, '/fingerprint', flac, 'audio/flac', [], true)],
    ];
    // one warm-up each (the first request compiles the wasm and builds tables), then timed runs;
    // fingerprinting the same file again costs the same decode and matching, then answers 409
    for (const [name, send] of cases) {
      const warm = await measure(dev, send);
      results[name] = [];
      for (let i = 0; i < runs; i++) results[name].push(await measure(dev, send));
      const s = results[name];
      console.log(
        `${name}: status ${warm.status}/${s.map((x) => x.status).join(',')}  CPU median ${median(s.map((x) => x.cpuMs))} ms (first ${warm.cpuMs})` +
          `  wall ${Math.round(median(s.map((x) => x.wallMs)))} ms  RSS ${warm.rssBeforeMb.toFixed(0)} -> peak ${Math.max(warm.rssPeakMb, ...s.map((x) => x.rssPeakMb)).toFixed(0)} MB`,
      );
    }
  } finally {
    await dev.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(opt.out!, JSON.stringify({ load: readFileSync('/proc/loadavg', 'utf8').trim(), idleMb, memory, results }, null, 1));
  console.log(`load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}; wrote ${opt.out}`);
}

if (opt['memory-child']) await memoryChild(opt['memory-child'], process.argv.at(-1)!);
else await main();
