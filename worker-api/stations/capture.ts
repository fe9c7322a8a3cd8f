// One capture: connect to a station's stream, strip its ICY metadata, decode as the bytes
// arrive, fingerprint with the query preset (its speed hypotheses catch a station that
// plays a track fast) and hand over windows of hash records, with their band envelope (a DJ
// talking over a song leaves its contour where it takes its peaks), as soon as they are final.
// Everything bad a stream can do ends in a CaptureError with a kind the health reports.
import { concatBatches, concatBytes, concatSteps, cutBatch, ENVELOPE, Fingerprinter, frameSeconds, presets, selectBatch, type HashBatch } from '../../dsp/src/index';
import { AudioDecodeError, interleave, openStream, SNIFF_BYTES, type StreamDecoder } from '../../dsp/src/decode/index';
import { dspModule, useDecoders } from '../audio';
import { IcyDemuxer, MAX_METAINT } from './icy';

export type CaptureFailure = 'network' | 'http' | 'timeout' | 'stalled' | 'ended' | 'unsupported_format' | 'bad_stream';

export class CaptureError extends Error {
  constructor(
    readonly kind: CaptureFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

/** Headers must come within this, and then bytes keep coming with no longer silence. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const STALL_TIMEOUT_MS = 10_000;
/** Bytes of a stream with no decodable audio in them before it is called garbage. */
const GARBAGE_BYTES = 64 * 1024;

const CFG = presets.query;
const FRAME_S = frameSeconds(CFG);
/**
 * Seconds of audio after a record's anchor before the engine has emitted it: the peak
 * neighbourhood and rank window around a partner, the target zone, one FFT, at the
 * slowest hypothesis' time scale.
 */
const FINAL_AFTER_S =
  (((CFG.rankWindow / 2 + CFG.dtMax + CFG.peakTimeRadius) * CFG.hop + CFG.fftSize) / CFG.rate) * Math.max(...CFG.hypotheses.map(([t]) => t));

const AAC_TYPES = /^audio\/(aac|aacp|x-aac|mp4|x-m4a)\b/i;

export interface CaptureOptions {
  url: string;
  /** Stop after this many seconds of audio (one window in windows mode, a session in continuous). */
  maxS: number;
  windowS: number;
  /** Seconds from one window's start to the next. */
  stepS: number;
  signal: AbortSignal;
  now?: () => number;
}

/** Hash records of `[startMs, endMs)` on air, re-timed to start at 0, and the envelope's steps from 0. */
export interface CapturedWindow {
  startMs: number;
  endMs: number;
  batch: HashBatch;
  steps: Float32Array;
}

export interface CaptureSink {
  connected(info: { format: string; name: string | null }): void;
  /** Bytes and seconds of audio that just arrived at `atMs`; its last sample aired at `airedUntilMs`. */
  audio(bytes: number, seconds: number, atMs: number, airedUntilMs: number | null): void;
  title(title: string): void;
  window(w: CapturedWindow): Promise<void>;
}

/** Reads `url` until `maxS` seconds of audio were heard; throws CaptureError otherwise. */
export async function capture(opts: CaptureOptions, sink: CaptureSink): Promise<{ heardS: number }> {
  const now = opts.now ?? Date.now;
  const reader = await connect(opts, sink);
  const stream = new AudioStream(opts, sink, now);
  try {
    for (;;) {
      const chunk = await readWithin(reader, STALL_TIMEOUT_MS, opts.signal);
      if (chunk === null) break;
      await stream.push(chunk);
      if (stream.heardS >= opts.maxS) return { heardS: await stream.finish() };
    }
    const heardS = await stream.finish();
    throw new CaptureError('ended', `the stream ended after ${heardS.toFixed(1)} s of audio`);
  } finally {
    stream.free();
    reader.cancel().catch(() => {});
  }
}

async function connect(opts: CaptureOptions, sink: CaptureSink): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const headersDue = new AbortController();
  const timer = setTimeout(() => headersDue.abort(), HEADERS_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(opts.url, {
      headers: { 'Icy-MetaData': '1', 'User-Agent': 'Earshot-Monitor/1', Accept: 'audio/*, application/ogg' },
      signal: AbortSignal.any([headersDue.signal, opts.signal]),
      redirect: 'follow',
    });
  } catch (err) {
    if (opts.signal.aborted) throw err;
    if (headersDue.signal.aborted) throw new CaptureError('timeout', `no answer from the stream within ${HEADERS_TIMEOUT_MS / 1000} s`);
    throw new CaptureError('network', `could not connect: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) {
    res.body?.cancel().catch(() => {});
    throw new CaptureError('http', `the stream answered HTTP ${res.status}`);
  }
  const type = res.headers.get('content-type') ?? '';
  if (AAC_TYPES.test(type)) {
    res.body.cancel().catch(() => {});
    throw new CaptureError('unsupported_format', `AAC streams (${type}) cannot be decoded yet`);
  }
  const metaint = Number(res.headers.get('icy-metaint') ?? 0);
  if (!Number.isInteger(metaint) || metaint < 0 || metaint > MAX_METAINT) {
    res.body.cancel().catch(() => {});
    throw new CaptureError('bad_stream', `icy-metaint ${JSON.stringify(res.headers.get('icy-metaint'))} is not a byte count`);
  }
  sink.connected({ format: type.split(';')[0].trim() || 'unknown', name: res.headers.get('icy-name')?.slice(0, 200) ?? null });
  const reader = res.body.getReader();
  if (metaint === 0) return reader;
  const demux = new IcyDemuxer(metaint, (t) => sink.title(t));
  // the audio bytes only, as a reader of its own
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(demux.push(value));
    },
    cancel: (why) => reader.cancel(why),
  }).getReader();
}

/**
 * The next chunk, null at the end; a stream silent for `ms` is stalled. A pause or delete
 * aborts the fetch, which fails the pending read.
 */
async function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number, signal: AbortSignal): Promise<Uint8Array | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CaptureError('stalled', `no data from the stream for ${ms / 1000} s`)), ms);
  });
  try {
    const { done, value } = await Promise.race([reader.read(), stalled]);
    return done ? null : value;
  } catch (err) {
    if (err instanceof CaptureError || signal.aborted) throw err;
    throw new CaptureError('network', `the stream broke off: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Audio bytes to windows of final hash records, with their times on air. */
class AudioStream {
  private decoder: StreamDecoder | null = null;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private fp: Fingerprinter | null = null;
  private rate = 0;
  private channels = 0;
  private samples = 0;
  private bytes = 0;
  private records: HashBatch[] = [];
  /** The envelope's steps from step `stepsFrom` of the capture on. */
  private steps: Float32Array[] = [];
  private stepsFrom = 0;
  /** The next window's start, seconds of audio into the capture. */
  private nextS = 0;
  /**
   * Time on air of the capture's first sample. A sample cannot air after it arrives, and a
   * server's burst on connect sends seconds already aired: the earliest bound seen holds.
   */
  private anchorMs = Infinity;

  constructor(
    private readonly opts: CaptureOptions,
    private readonly sink: CaptureSink,
    private readonly now: () => number,
  ) {}

  get heardS(): number {
    return this.rate ? this.samples / this.rate : 0;
  }

  async push(chunk: Uint8Array): Promise<void> {
    this.bytes += chunk.length;
    const before = this.samples;
    if (!this.decoder) {
      // sniffing wants the first bytes together; network pieces can be tiny
      this.head.push(chunk.slice());
      this.headBytes += chunk.length;
      if (this.headBytes < SNIFF_BYTES) return this.sink.audio(chunk.length, 0, this.now(), null);
      const joined = concatBytes(this.head);
      this.head = [];
      this.decoder = await this.open(joined);
      await this.take(await this.decode(() => this.decoder!.push(joined)));
    } else {
      await this.take(await this.decode(() => this.decoder!.push(chunk)));
    }
    this.sink.audio(chunk.length, (this.samples - before) / (this.rate || 1), this.now(), this.samples ? this.anchorMs + this.heardS * 1000 : null);
    if (this.samples === 0 && this.bytes > GARBAGE_BYTES) {
      throw new CaptureError('bad_stream', `no decodable audio in the first ${Math.round(this.bytes / 1024)} KB of the stream`);
    }
    await this.emitFinal(this.heardS - FINAL_AFTER_S);
  }

  /** Flushes the engine and emits what is left: the last window may be shorter. */
  async finish(): Promise<number> {
    if (this.decoder) await this.take(await this.decode(() => this.decoder!.flush()));
    if (this.fp) {
      this.records.push(this.fp.flush());
      this.steps.push(this.fp.takeEnvelope());
    }
    await this.emitFinal(this.heardS);
    const restS = this.heardS - this.nextS;
    if (restS >= Math.min(this.opts.windowS, 5)) await this.emit(this.nextS, this.heardS);
    return this.heardS;
  }

  free(): void {
    this.decoder?.free();
  }

  private async open(head: Uint8Array): Promise<StreamDecoder> {
    useDecoders();
    try {
      return await openStream(head);
    } catch (err) {
      if (err instanceof AudioDecodeError) {
        throw new CaptureError(err.code === 'unsupported' && /AAC|MP4/.test(err.message) ? 'unsupported_format' : 'bad_stream', err.message);
      }
      throw err;
    }
  }

  private async decode<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof AudioDecodeError) throw new CaptureError('bad_stream', err.message);
      throw err;
    }
  }

  private async take(block: { sampleRate: number; channels: Float32Array[] } | null): Promise<void> {
    if (!block || block.channels.length === 0 || block.channels[0].length === 0) return;
    if (!this.fp) {
      this.rate = block.sampleRate;
      this.channels = block.channels.length;
      this.fp = await Fingerprinter.create(dspModule, { sampleRate: this.rate, channels: this.channels, preset: 'query', collectEnvelope: true });
    } else if (block.sampleRate !== this.rate || block.channels.length !== this.channels) {
      throw new CaptureError('bad_stream', 'the stream changed its sample rate or channel count');
    }
    this.records.push(this.fp.push(interleave(block.channels)));
    this.steps.push(this.fp.takeEnvelope());
    this.samples += block.channels[0].length;
    this.anchorMs = Math.min(this.anchorMs, this.now() - this.heardS * 1000);
  }

  /** Emits every window that ends by `finalS` seconds. */
  private async emitFinal(finalS: number): Promise<void> {
    while (this.nextS + this.opts.windowS <= finalS) await this.emit(this.nextS, this.nextS + this.opts.windowS);
  }

  private async emit(fromS: number, toS: number): Promise<void> {
    const all = concatBatches(this.records);
    const steps = concatSteps(this.steps);
    // a window starts and ends on the envelope's step grid, so its steps start where its records do
    const [fromStep, toStep] = [onStepGrid(fromS), onStepGrid(toS)];
    const [fromFrame, toFrame] = [fromStep * ENVELOPE.stepFrames, toStep * ENVELOPE.stepFrames];
    const nb = ENVELOPE.bands;
    this.nextS = fromS + this.opts.stepS;
    // records and steps before the next window are done with
    const nextStep = Math.max(this.stepsFrom, onStepGrid(this.nextS));
    this.records = [selectBatch(all, nextStep * ENVELOPE.stepFrames, Infinity, CFG)];
    this.steps = [steps.slice((nextStep - this.stepsFrom) * nb)];
    const windowSteps = steps.slice(Math.max(0, fromStep - this.stepsFrom) * nb, Math.max(0, toStep - this.stepsFrom) * nb);
    this.stepsFrom = nextStep;
    await this.sink.window({
      startMs: Math.round(this.anchorMs + fromFrame * FRAME_S * 1000),
      endMs: Math.round(this.anchorMs + toFrame * FRAME_S * 1000),
      batch: cutBatch(all, fromFrame, toFrame, CFG),
      steps: windowSteps,
    });
  }
}

/** The envelope step nearest `s` seconds into the capture. */
const onStepGrid = (s: number) => Math.round(s / FRAME_S / ENVELOPE.stepFrames);
