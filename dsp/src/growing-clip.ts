// A capture that is still growing, asked about as if it ended now. A stream's records leave
// only when no later audio can change them, about 1.7 s behind what was heard; a question
// that carries only those ignores the last 1.7 s of a 2 s capture. Asked as if it ended
// now, the capture gives what a clip of that length gives: the final records, and for the
// unsettled end the records of its last seconds fingerprinted again in a stream of their
// own and flushed. That stream starts where its frames, and every speed hypothesis' scaled
// times, fall on the main stream's grid, so its settled records are the main stream's own.
import { Fingerprinter, type StreamOptions } from './engine';
import { concatBatches } from './records';
import { concatSteps } from './bytes';
import { selectBatch } from './cut';
import { hypothesisOf } from './hash';
import { ENVELOPE, type EngineConfig } from './config';
import { QUERY_STEPS, type HeardSteps } from './envelope/index';
import type { HashBatch, QualityMetrics } from './types';

/** Frames after which no later audio changes an anchor's records (peak, rank window, zone). */
function settleFrames(cfg: EngineConfig): number {
  const maxScale = Math.max(...cfg.hypotheses.map(([a]) => a));
  return peakContext(cfg) + Math.ceil(cfg.dtMax * maxScale) + 2;
}

/** Frames of audio before a peak that decide it: the FFT frame, the smoothing, the max filter and the rank window. */
function peakContext(cfg: EngineConfig): number {
  return cfg.fftSize / cfg.hop + cfg.smoothFrames + cfg.peakTimeRadius + Math.ceil(cfg.rankWindow / 2) + 2;
}

const isWhole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;

/**
 * The smallest step in frames at which a stream may start: a whole number of input
 * samples, and a whole number of frames under every hypothesis' time scale. Null when
 * none is short enough to help (an odd rate): the whole capture is fingerprinted again.
 */
function frameGrid(cfg: EngineConfig, sampleRate: number): number | null {
  for (let g = 1; g <= 1000; g++) {
    if (isWhole((g * cfg.hop * sampleRate) / cfg.rate) && cfg.hypotheses.every(([a]) => isWhole(g * a))) return g;
  }
  return null;
}

export class GrowingClip {
  private readonly batches: HashBatch[] = [];
  /** The band envelope's steps so far, at least the last ones the matcher searches (QUERY_STEPS). */
  private steps: Float32Array[] = [];
  /** Steps heard before the first one held. */
  private stepsDropped = 0;
  private ended = false;
  /** Raw interleaved samples from `keptFrom` (in sample frames) on. */
  private kept: Float32Array[] = [];
  private keptFrom = 0;
  private heard = 0;
  private readonly grid: number | null;
  private readonly samplesPerFrame: number;

  private constructor(
    private readonly module: WebAssembly.Module,
    private readonly fp: Fingerprinter,
    private readonly opts: StreamOptions,
  ) {
    this.grid = frameGrid(fp.config, fp.sampleRate);
    this.samplesPerFrame = (fp.config.hop * fp.sampleRate) / fp.config.rate;
  }

  static async create(module: WebAssembly.Module, opts: StreamOptions): Promise<GrowingClip> {
    return new GrowingClip(module, await Fingerprinter.create(module, { ...opts, collectEnvelope: true }), opts);
  }

  get config(): EngineConfig {
    return this.fp.config;
  }

  /** Interleaved samples, as `Fingerprinter.push` takes them. */
  push(samples: Float32Array): void {
    const b = this.fp.push(samples);
    if (b.hash.length > 0) this.batches.push(b);
    this.keepSteps();
    this.kept.push(samples.slice());
    this.heard += samples.length / this.fp.channels;
    this.trim();
  }

  /** End of the capture: every record is final. */
  finish(): void {
    if (this.ended) return;
    this.ended = true;
    const b = this.fp.flush();
    if (b.hash.length > 0) this.batches.push(b);
    this.keepSteps();
    this.kept = [];
  }

  /**
   * The band envelope's steps heard so far (at least the last QUERY_STEPS), from step
   * `firstStep` of the capture. A step is final once its frames are: the unsettled end the
   * records wait for is not theirs.
   */
  envelope(): HeardSteps {
    return { steps: concatSteps(this.steps), firstStep: this.stepsDropped };
  }

  private keepSteps(): void {
    const s = this.fp.takeEnvelope();
    if (s.length > 0) this.steps.push(s);
    const most = QUERY_STEPS * ENVELOPE.bands;
    let held = this.steps.reduce((n, x) => n + x.length, 0);
    while (this.steps.length > 1 && held - this.steps[0].length >= most) {
      const gone = this.steps.shift()!.length;
      held -= gone;
      this.stepsDropped += gone / ENVELOPE.bands;
    }
  }

  quality(): QualityMetrics {
    return this.fp.quality();
  }

  /** Seconds of raw audio held for the next question's unsettled end (bounded, whatever the capture's length). */
  get keptSeconds(): number {
    return this.kept.reduce((n, k) => n + k.length, 0) / this.fp.channels / this.fp.sampleRate;
  }

  /** Records final so far (what a stream has given up to now). */
  get finalRecords(): number {
    return this.batches.reduce((n, b) => n + b.hash.length, 0);
  }

  /** Everything the capture holds if it ended now: the final records, then those of its unsettled end. */
  async asIfEnded(): Promise<HashBatch[]> {
    if (this.ended) return this.batches;
    const start = this.tailStart();
    const tail = await Fingerprinter.create(this.module, { ...this.opts, config: this.fp.config, collectPeaks: false });
    const from = (start * this.samplesPerFrame - this.keptFrom) * this.fp.channels;
    const records = concatBatches([...this.pieces(from).map((p) => tail.push(p)), tail.flush()]);
    if (start === 0) return [records];
    // the tail's first frames lack the audio before them: its records count from `split` on
    const split = start + peakContextOnGrid(this.fp.config, this.grid!);
    const cfg = this.fp.config;
    const shifted = { ...records, t: records.t.map((t, i) => t + Math.round(start * cfg.hypotheses[hypothesisOf(records.hyp[i])][0])) };
    return [...this.batches.map((b) => selectBatch(b, 0, split, cfg)), selectBatch(shifted, split, Infinity, cfg)];
  }

  /** First frame of the stream fingerprinted again: on the grid, settled audio and its context before it. */
  private tailStart(): number {
    if (this.grid === null) return 0;
    const frames = Math.floor(this.heard / this.samplesPerFrame);
    const latest = frames - settleFrames(this.fp.config) - peakContextOnGrid(this.fp.config, this.grid);
    return Math.max(0, Math.floor(latest / this.grid) * this.grid);
  }

  /** Drops raw audio no tail stream will start in. */
  private trim(): void {
    const start = this.tailStart() * this.samplesPerFrame;
    let drop = 0;
    while (this.kept.length > 1 && this.keptFrom + (drop + this.kept[0].length) / this.fp.channels <= start) {
      drop += this.kept[0].length;
      this.kept.shift();
    }
    this.keptFrom += drop / this.fp.channels;
  }

  private pieces(from: number): Float32Array[] {
    const out: Float32Array[] = [];
    let skip = from;
    for (const k of this.kept) {
      if (skip >= k.length) {
        skip -= k.length;
        continue;
      }
      out.push(k.subarray(skip));
      skip = 0;
    }
    return out;
  }
}

/** The peak context rounded up to the grid, so the split falls on whole frames under every hypothesis. */
function peakContextOnGrid(cfg: EngineConfig, grid: number): number {
  return Math.ceil(peakContext(cfg) / grid) * grid;
}
