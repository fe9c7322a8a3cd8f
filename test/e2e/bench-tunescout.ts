// `npm run bench -- tunescout [--corpus ../bench-data] [--runs 3] [--out bench-results/tunescout.json]`
// CPU time and memory of the TuneScout endpoints inside a real `wrangler dev`: the workerd
// process serves nothing else, so its CPU clock (utime + stime) across a request is that
// request's CPU time, and its resident memory sampled every 5 ms during the request bounds
// what the request holds. Inputs are real music from the dev corpus; ffmpeg cuts and
// re-encodes them (a benchmark-only dependency): a 4-minute Ogg Vorbis track to
// fingerprint, a 10 s MP3 clip of it to recognize, and a 10-minute FLAC to fingerprint.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeAudio } from '../../dsp/src/decode/index';
import { listen } from '../../dsp/src/listen';
import { loadEngineModule } from '../../dsp/src/node';
import { type DevServer, startDev } from './wrangler-dev';

const { values: opt } = parseArgs({
  options: {
    corpus: { type: 'string', default: '../bench-data' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench-results/tunescout.json' },
  },
});
const TOKEN = 'bench-tunescout-token-0123456789';
const TICK_MS = 10; // CLK_TCK = 100 on Linux

/**
 * CPU ms and resident MB of the workerd processes of the wrangler dev group (it runs more
 * than one: a proxy and the Worker); a process that exits while being read is skipped.
 */
function workerd(dev: DevServer): { cpuMs: number; rssMb: number } {
  let cpuMs = 0;
  let rssMb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!stat.includes('(workerd)') || Number(f[2]) !== dev.pid) continue;
      cpuMs += (Number(f[11]) + Number(f[12])) * TICK_MS;
      rssMb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      // exited meanwhile
    }
  }
  return { cpuMs, rssMb };
}

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

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** JS heap plus memory outside it (buffers, wasm memories) held by this process, MB. */
function heldMb(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 2 ** 20;
}

/**
 * What fingerprinting a file as it streams holds at most, against decoding it whole first:
 * the same listener as the Worker's (dsp/src/listen.ts), fed 64 KB pieces, in this process.
 */
async function memoryInProcess(file: string, engine: WebAssembly.Module): Promise<{ streamedPeakMb: number; wholePeakMb: number; seconds: number }> {
  const bytes = new Uint8Array(readFileSync(file));
  async function* pieces() {
    for (let o = 0; o < bytes.length; o += 65536) {
      yield bytes.subarray(o, o + 65536);
      peak = Math.max(peak, heldMb());
    }
  }
  gc();
  let base = heldMb();
  let peak = base;
  const sha1 = createHash('sha1');
  const heard = await listen(pieces(), { engine, preset: 'index', fromS: 0, untilS: null, onPcm: (x) => void sha1.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)) });
  const streamedPeakMb = peak - base;
  gc();
  base = heldMb();
  const whole = await decodeAudio(bytes);
  const wholePeakMb = heldMb() - base;
  void whole;
  return { streamedPeakMb, wholePeakMb, seconds: heard.decodedS };
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

  const engine = await loadEngineModule();
  const oneMinute = join(tmp, 'one-minute.flac');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-t', '60', '-i', flac, '-c:a', 'copy', oneMinute]);
  const memory: Record<string, Awaited<ReturnType<typeof memoryInProcess>>> = {};
  await memoryInProcess(oneMinute, engine); // warm-up: compiles the decoder, grows the heap once
  for (const f of [oneMinute, flac]) {
    const m = (memory[basename(f)] = await memoryInProcess(f, engine));
    console.log(`in process, ${basename(f)} (${m.seconds.toFixed(0)} s): streamed listener holds at most +${m.streamedPeakMb.toFixed(1)} MB; decoding it whole first +${m.wholePeakMb.toFixed(0)} MB`);
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
  writeFileSync(opt.out!, JSON.stringify({ load: readFileSync('/proc/loadavg', 'utf8').trim(), memory, results }, null, 1));
  console.log(`load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}; wrote ${opt.out}`);
}

await main();
