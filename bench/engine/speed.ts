// `earshot bench speed`: extraction speed of the engine (PCM at 44.1 kHz in, hashes out,
// one thread) side by side with stream-audio-fingerprint on the same audio, decode +
// fingerprint of a whole Ogg track, and the WASM binary size.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { decodeAudio, interleave } from '../../dsp/src/decode/index';
import { fingerprint, type PresetName } from '../../dsp/src/index';
import { loadEngineModule } from '../../dsp/src/node';
import { synthSong } from '../../dsp/testing/index';
import { UsageError } from '../../cli/usage';

function best(times: number[]): number {
  return Math.min(...times);
}

async function timeEngine(module: WebAssembly.Module, pcm: Float32Array, rate: number, channels: number, preset: PresetName, runs: number) {
  const times: number[] = [];
  let hashes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await fingerprint(module, pcm, { sampleRate: rate, channels, preset });
    times.push(performance.now() - t0);
    hashes = r.hashes.hash.length;
  }
  return { ms: best(times), hashes };
}

/** stream-audio-fingerprint takes 16-bit mono PCM at 22050 Hz; it gets exactly that. */
async function timeSafp(mono44k: Float32Array, runs: number) {
  const require = createRequire(import.meta.url);
  const Codegen = require('stream-audio-fingerprint');
  const n = Math.floor(mono44k.length / 2);
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    const v = (mono44k[2 * i] + mono44k[2 * i + 1]) / 2;
    pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32767))), 2 * i);
  }
  const times: number[] = [];
  let hashes = 0;
  for (let r = 0; r < runs; r++) {
    const fp = new Codegen();
    let count = 0;
    fp.on('data', (d: { hcodes: number[] }) => (count += d.hcodes.length));
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      fp.on('finish', resolve);
      fp.on('error', reject);
      for (let o = 0; o < pcm.length; o += 65536) fp.write(pcm.subarray(o, o + 65536));
      fp.end();
    });
    times.push(performance.now() - t0);
    hashes = count;
  }
  return { ms: best(times), hashes };
}

export async function benchSpeed(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { seconds: { type: 'string' }, ogg: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } },
  });
  const seconds = Number(values.seconds ?? 120);
  const runs = Number(values.runs ?? 3);
  if (!(seconds >= 5 && seconds <= 3600)) throw new UsageError('--seconds must be between 5 and 3600');
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError('--runs must be a positive integer');
  const module = await loadEngineModule();
  const mono = synthSong(7, seconds, 44100);
  const stereo = interleave([mono, mono.map((v, i) => 0.8 * v + 0.2 * (mono[i - 1] ?? 0))]);

  const out: Record<string, unknown> = { audio_s: seconds, runs };
  const idxMono = await timeEngine(module, mono, 44100, 1, 'index', runs);
  const idxStereo = await timeEngine(module, stereo, 44100, 2, 'index', runs);
  const query = await timeEngine(module, mono, 44100, 1, 'query', runs);
  const safp = await timeSafp(mono, runs);
  const x = (ms: number) => Math.round((seconds * 1000) / ms);
  out.engine_index_mono = { ...idxMono, x_realtime: x(idxMono.ms) };
  out.engine_index_stereo = { ...idxStereo, x_realtime: x(idxStereo.ms) };
  out.engine_query_mono = { ...query, x_realtime: x(query.ms) };
  out.safp = { ...safp, x_realtime: x(safp.ms) };
  out.ratio_engine_vs_safp = Number((safp.ms / idxMono.ms).toFixed(1));

  const wasm = await readFile(new URL('../../dsp/build/dsp.wasm', import.meta.url));
  out.wasm_bytes = wasm.length;
  out.wasm_gzip_bytes = gzipSync(wasm, { level: 9 }).length;

  if (values.ogg) {
    const bytes = new Uint8Array(await readFile(values.ogg));
    const t0 = performance.now();
    const audio = await decodeAudio(bytes);
    const t1 = performance.now();
    const r = await fingerprint(module, interleave(audio.channels), { sampleRate: audio.sampleRate, channels: audio.channels.length, preset: 'index' });
    const t2 = performance.now();
    const dur = r.quality.durationS;
    out.ogg = {
      file: values.ogg, audio_s: Number(dur.toFixed(1)), decode_ms: Math.round(t1 - t0), fingerprint_ms: Math.round(t2 - t1),
      x_realtime: Math.round((dur * 1000) / (t2 - t0)),
    };
  }
  if (values.json) {
    console.log(JSON.stringify(out, null, 1));
  } else {
    console.log(`audio: ${seconds} s synthetic song, 44.1 kHz; best of ${runs} runs, one thread`);
    console.log(`engine index preset, mono:   ${idxMono.ms.toFixed(1)} ms, ${x(idxMono.ms)}x realtime, ${idxMono.hashes} hashes`);
    console.log(`engine index preset, stereo: ${idxStereo.ms.toFixed(1)} ms, ${x(idxStereo.ms)}x realtime`);
    console.log(`engine query preset, mono:   ${query.ms.toFixed(1)} ms, ${x(query.ms)}x realtime, ${query.hashes} hash records (all hypotheses)`);
    console.log(`stream-audio-fingerprint (16-bit 22.05 kHz mono in): ${safp.ms.toFixed(1)} ms, ${x(safp.ms)}x realtime, ${safp.hashes} hashes`);
    console.log(`engine is ${out.ratio_engine_vs_safp}x faster than stream-audio-fingerprint`);
    console.log(`wasm: ${out.wasm_bytes} bytes, ${out.wasm_gzip_bytes} gzip`);
    if (out.ogg) console.log(`ogg decode + fingerprint: ${JSON.stringify(out.ogg)}`);
  }
  return 0;
}
