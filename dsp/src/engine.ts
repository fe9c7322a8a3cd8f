// One TypeScript API over the WASM engine, the same in Node, a browser Web Worker and
// workerd: the host hands over a compiled WebAssembly.Module, the engine does the rest.
import { configBlock, layoutOf, qualityOf, type Layout } from './abi';
import { ENVELOPE, type EngineConfig, type PresetName, presets } from './config';
import { concatBatches } from './records';
import type { HashBatch, Peak, QualityMetrics } from './types';

export const MIN_RATE = 8000;
export const MAX_RATE = 192000;
export const MAX_CHANNELS = 8;
/** Input frames per call into WASM: bounds the engine's memory whatever the caller pushes. */
const CHUNK_FRAMES = 8192;

interface Exports {
  memory: WebAssembly.Memory;
  configPtr(): number;
  init(rate: number, channels: number, chunk: number): number;
  inputPtr(): number;
  outputPtr(): number;
  push(frames: number): number;
  flush(): number;
  drain(): number;
  overflowed(): number;
  peaksPtr(): number;
  peakCount(): number;
  envelopePtr(): number;
  envelopeCount(): number;
  framesAnalysed(): number;
  qualityPtr(): number;
  spectrumScratch(): number;
  spectrum(): number;
}

export class EngineError extends Error {
  constructor(
    readonly code: 'bad_rate' | 'bad_channels' | 'bad_input' | 'overflow',
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Bounds the WASM does not check itself (it trusts its configuration block). */
function checkConfig(cfg: EngineConfig): void {
  if (!(cfg.strongFanout >= 0 && cfg.strongFanout <= 64)) throw new Error('strongFanout: 0 to 64 pairs');
  if (!(Number.isInteger(cfg.smoothFrames) && cfg.smoothFrames >= 1 && cfg.smoothFrames <= 4)) throw new Error('smoothFrames: 1 to 4 frames');
  if (!(cfg.bassHz === 0 || (cfg.bassHz > 0 && cfg.bassHz < cfg.fLoHz))) throw new Error('bassHz: 0 (no bass band) or below fLoHz');
  if (!(Number.isInteger(cfg.bassKeep) && cfg.bassKeep >= 0 && cfg.bassKeep <= 64)) throw new Error('bassKeep: 0 to 64 peaks');
}

async function instantiate(module: WebAssembly.Module, cfg: EngineConfig): Promise<{ x: Exports; layout: Layout }> {
  checkConfig(cfg);
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort() {
        throw new Error('dsp: abort');
      },
    },
  });
  const x = instance.exports as unknown as Exports;
  const layout = layoutOf(module, instance.exports);
  const block = configBlock(layout, cfg);
  new Float64Array(x.memory.buffer, x.configPtr(), block.length).set(block);
  return { x, layout };
}

/** Growable parallel arrays for hash records. */
class HashSink {
  hash = new Uint32Array(1024);
  t = new Int32Array(1024);
  hyp = new Uint8Array(1024);
  length = 0;

  constructor(private readonly stride: number) {}

  /** `n` records of `stride` i32 words each: hash, t, hypothesis. */
  add(view: Int32Array, n: number): void {
    if (this.length + n > this.hash.length) {
      let cap = this.hash.length * 2;
      while (cap < this.length + n) cap *= 2;
      const h = new Uint32Array(cap);
      h.set(this.hash.subarray(0, this.length));
      const t = new Int32Array(cap);
      t.set(this.t.subarray(0, this.length));
      const y = new Uint8Array(cap);
      y.set(this.hyp.subarray(0, this.length));
      this.hash = h;
      this.t = t;
      this.hyp = y;
    }
    for (let i = 0; i < n; i++) {
      const o = this.stride * i;
      this.hash[this.length] = view[o];
      this.t[this.length] = view[o + 1];
      this.hyp[this.length] = view[o + 2];
      this.length++;
    }
  }

  take(): HashBatch {
    const out = {
      hash: this.hash.slice(0, this.length),
      t: this.t.slice(0, this.length),
      hyp: this.hyp.slice(0, this.length),
    };
    this.length = 0;
    return out;
  }
}

export interface StreamOptions {
  sampleRate: number;
  channels?: number;
  preset?: PresetName;
  /** Overrides the preset (benchmarks and tuning). */
  config?: EngineConfig;
  /** Keep the peaks of each push (visualisation, tests). */
  collectPeaks?: boolean;
  /** Keep the band envelope's steps (the index's and the query's envelopes; takeEnvelope). */
  collectEnvelope?: boolean;
}

/** Growable Float32 storage: the envelope's steps, `width` values each. */
class StepSink {
  data = new Float32Array(0);
  length = 0;

  add(v: Float32Array): void {
    if (this.length + v.length > this.data.length) {
      const next = new Float32Array(Math.max(2 * this.data.length, this.length + v.length, 1024));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(v, this.length);
    this.length += v.length;
  }

  take(): Float32Array {
    const out = this.data.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

/**
 * A fingerprinting stream: push interleaved Float32 audio in chunks of any size; each call
 * returns the hashes that became final. Memory is bounded for an endless stream.
 */
export class Fingerprinter {
  readonly config: EngineConfig;
  private finished = false;
  private readonly sink: HashSink;
  private peaks: Peak[] = [];
  private readonly steps: StepSink | null;

  private constructor(
    private readonly x: Exports,
    private readonly layout: Layout,
    readonly sampleRate: number,
    readonly channels: number,
    config: EngineConfig,
    private readonly collectPeaks: boolean,
    collectEnvelope: boolean,
  ) {
    this.config = config;
    this.sink = new HashSink(layout.recordI32);
    this.steps = collectEnvelope ? new StepSink() : null;
  }

  static async create(module: WebAssembly.Module, opts: StreamOptions): Promise<Fingerprinter> {
    const channels = opts.channels ?? 1;
    const rate = opts.sampleRate;
    if (!Number.isInteger(rate) || rate < MIN_RATE || rate > MAX_RATE) {
      throw new EngineError('bad_rate', `sample rate ${rate} Hz is outside ${MIN_RATE}-${MAX_RATE} Hz`);
    }
    if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
      throw new EngineError('bad_channels', `${channels} channels: 1 to ${MAX_CHANNELS} are supported`);
    }
    const config = opts.config ?? presets[opts.preset ?? 'query'];
    const { x, layout } = await instantiate(module, config);
    const rc = x.init(rate, channels, CHUNK_FRAMES);
    if (rc !== 0) throw new EngineError('bad_input', `engine refused the stream (code ${rc})`);
    return new Fingerprinter(x, layout, rate, channels, config, opts.collectPeaks ?? false, opts.collectEnvelope ?? false);
  }

  /** Interleaved samples (frames x channels). Returns the hashes that became final. */
  push(samples: Float32Array): HashBatch {
    if (this.finished) throw new EngineError('bad_input', 'stream already flushed');
    if (samples.length % this.channels !== 0) {
      throw new EngineError('bad_input', `sample count ${samples.length} is not a multiple of ${this.channels} channels`);
    }
    const frames = samples.length / this.channels;
    for (let off = 0; off < frames; off += CHUNK_FRAMES) {
      const n = Math.min(CHUNK_FRAMES, frames - off);
      new Float32Array(this.x.memory.buffer, this.x.inputPtr(), n * this.channels).set(
        samples.subarray(off * this.channels, (off + n) * this.channels),
      );
      this.collect(this.x.push(n));
    }
    return this.sink.take();
  }

  /** End of stream: returns the last hashes. */
  flush(): HashBatch {
    if (!this.finished) {
      this.finished = true;
      this.collect(this.x.flush());
    }
    return this.sink.take();
  }

  private collect(n: number): void {
    while (true) {
      if (n < 0) throw new EngineError('bad_input', 'chunk too large');
      if (this.collectPeaks) this.readPeaks();
      this.steps?.add(new Float32Array(this.x.memory.buffer, this.x.envelopePtr(), this.x.envelopeCount() * ENVELOPE.bands));
      if (n === 0) break;
      this.sink.add(new Int32Array(this.x.memory.buffer, this.x.outputPtr(), n * this.layout.recordI32), n);
      n = this.x.drain();
    }
    if (this.x.overflowed()) throw new EngineError('overflow', 'engine buffers overflowed');
  }

  private readPeaks(): void {
    const n = this.x.peakCount();
    const w = this.layout.peakF32;
    const v = new Float32Array(this.x.memory.buffer, this.x.peaksPtr(), n * w);
    for (let i = 0; i < n; i++) this.peaks.push({ t: v[w * i], f: v[w * i + 1], s: v[w * i + 2] });
  }

  /** Peaks kept since the last call (only with `collectPeaks`). */
  takePeaks(): Peak[] {
    const p = this.peaks;
    this.peaks = [];
    return p;
  }

  /**
   * The envelope's steps completed since the last call (only with `collectEnvelope`): band
   * power summed over ENVELOPE.stepFrames frames, ENVELOPE.bands values a step.
   */
  takeEnvelope(): Float32Array {
    if (!this.steps) throw new Error('takeEnvelope needs collectEnvelope');
    return this.steps.take();
  }

  /** Frames of the engine's time axis analysed so far. */
  get frames(): number {
    return this.x.framesAnalysed();
  }

  quality(): QualityMetrics {
    return qualityOf(this.layout, new Float64Array(this.x.memory.buffer, this.x.qualityPtr(), this.layout.qualityFields));
  }
}

/** Power spectrum of one frame of `fftSize` samples (no window): tests compare it to a DFT. */
export async function powerSpectrum(module: WebAssembly.Module, frame: Float32Array, cfg: EngineConfig = presets.query): Promise<Float32Array> {
  if (frame.length !== cfg.fftSize) throw new EngineError('bad_input', `frame must hold ${cfg.fftSize} samples`);
  const { x } = await instantiate(module, cfg);
  new Float32Array(x.memory.buffer, x.spectrumScratch(), cfg.fftSize).set(frame);
  return new Float32Array(x.memory.buffer, x.spectrum(), cfg.fftSize / 2 + 1).slice();
}

/** Whole-signal convenience: fingerprint `samples` in one go. */
export async function fingerprint(
  module: WebAssembly.Module,
  samples: Float32Array,
  opts: StreamOptions,
): Promise<{ hashes: HashBatch; quality: QualityMetrics; frames: number; envelope: Float32Array }> {
  const fp = await Fingerprinter.create(module, { ...opts, collectEnvelope: true });
  const a = fp.push(samples);
  const b = fp.flush();
  return { hashes: concatBatches([a, b]), quality: fp.quality(), frames: fp.frames, envelope: fp.takeEnvelope() };
}
