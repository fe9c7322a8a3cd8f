// One identification at a time, from the microphone or from a file: feeds the engine,
// asks the API progressively and settles on a match, "no match" or a problem. Without the
// network (or when the API does not answer) it listens on and keeps the recording's
// hashes for the offline queue instead.
import type { IdentifyMatch, IdentifyResponse } from '../../../common/api-types';
import { clipProblemMessages } from '../../../dsp/src/index';
import { ApiProblem, gzip, sendIdentify } from './api';
import { askFallback } from './fallback';
import { externalMatch } from '../../../common/external-match';
import { askIntervalS } from '../../../common/limits';
import { SampleKeeper } from './sample';
import { decodeFile, FILE_RATE, FileProblem } from './audio-file';
import { startCapture, type Block, type Capture } from './capture';
import { coach, type Coaching } from './coaching';
import { engine, pushAudio } from './engine';
import type { HistoryEntry } from './history';
import { QueueFull, type Recording } from './pending';
import { describe, NothingToKeep, type Problem } from './problems';
import { listenLimit } from './listen-limit';

/** A question unanswered after this means the API is out of reach: listen on, offline. */
const ASK_TIMEOUT_MS = 4_000;
const TICK_MS = 250;
/** A file is asked about in steps of this much audio, as if it were being heard. */
const FILE_STEP_S = 3;

export type Phase = 'idle' | 'listening' | 'decoding' | 'fallback' | 'match' | 'no_match' | 'queued' | 'problem';

/** Where recordings made offline go (the page's OfflineQueue). */
export interface RecordingSink {
  add(r: Recording): Promise<void>;
  readonly full: boolean;
}

export class Recognizer {
  phase = $state<Phase>('idle');
  source = $state<'mic' | 'file'>('mic');
  elapsed = $state(0);
  /** Input level, dBFS of the last block. */
  levelDb = $state(-Infinity);
  coaching = $state<Coaching>(null);
  match = $state<IdentifyMatch | null>(null);
  degraded = $state(false);
  problem = $state<Problem | null>(null);
  /** This listening is kept for later instead of asked about now. */
  offline = $state(false);
  /** Who named the song: the catalog, the fallback identifier, or both agreeing. */
  answeredBy = $state<'local' | 'acrcloud' | 'hybrid'>('local');
  /** The fallback identifier's own score (0-100) when it named the song. */
  externalScore = $state<number | null>(null);
  /** The listener asked to keep listening past the usual limit (a long intro). */
  held = $state(false);
  /** The latest answer's result token: the fallback refers to it, a shared link opens it. */
  token = $state<string | null>(null);

  /** The last seconds heard, only while listening and only when the fallback is allowed. */
  private sample: SampleKeeper | null = null;
  /** The last question is decided: the limit no longer moves. */
  private closing = false;

  private run = 0;
  /** Progressive queries of one identification share a session id, and count their looks. */
  private session = '';
  private looks = 0;
  private capture: Capture | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly onSettled: (entry: HistoryEntry) => void,
    private readonly sink: RecordingSink,
    /** Whether audio may go to the fallback identifier (the user's setting and the server's offer). */
    private readonly fallbackAllowed: () => boolean = () => false,
  ) {}

  /** How long this listening lasts. */
  get limitS(): number {
    return listenLimit(this.offline, this.held);
  }

  /** Keep listening past the usual limit, or not (from the next tick on). */
  hold(on: boolean): void {
    if (this.phase === 'listening' && !this.closing) this.held = on;
  }

  get busy(): boolean {
    return this.phase === 'listening' || this.phase === 'decoding' || this.phase === 'fallback';
  }

  async listen(): Promise<void> {
    performance.mark('earshot:listen');
    const run = this.reset('mic');
    this.offline = !navigator.onLine;
    // no point listening for 12 s to then refuse the recording: say it now
    if (this.offline && this.sink.full) return this.fail(run, new QueueFull());
    this.phase = 'listening';
    let begun!: () => void;
    let feed = new Promise<void>((resolve) => (begun = resolve));
    try {
      // blocks can arrive before the engine stream exists: queue them behind `begin`
      const capture = await startCapture((block: Block) => {
        if (run !== this.run) return;
        this.levelDb = 20 * Math.log10(block.rms || 1e-9);
        // copied now: the push below hands the block's buffer to the worker
        this.sample?.add(block.samples);
        // a block queued before a cancel must not reach the next identification's stream
        feed = feed.then(() => (run === this.run ? pushAudio(block.samples) : undefined));
      });
      // cancelled while the permission prompt was open: release the microphone at once
      if (run !== this.run) return void (await capture.stop());
      performance.mark('earshot:mic-open');
      this.capture = capture;
      this.sample = this.fallbackAllowed() ? new SampleKeeper(capture.sampleRate) : null;
      await engine().begin(capture.sampleRate, 1);
      begun();
    } catch (err) {
      return this.fail(run, err);
    }
    const started = performance.now();
    const heardAt = Date.now();
    let nextQuery = 0;
    let asking = false;
    this.timer = setInterval(async () => {
      if (run !== this.run) return;
      this.elapsed = (performance.now() - started) / 1000;
      if (asking) return;
      asking = true;
      try {
        await feed;
        this.coaching = coach(await engine().quality());
        if (!navigator.onLine) this.offline = true;
        const final = this.elapsed >= this.limitS;
        if (final) {
          this.closing = true;
          await this.stopCapture();
          await engine().finish();
        }
        if (!this.offline && (final || this.elapsed >= nextQuery)) {
          try {
            if ((await this.ask(run, final)) === 'asked') nextQuery = this.elapsed + askIntervalS(this.elapsed);
          } catch (err) {
            if (!(err instanceof ApiProblem && err.code === 'unreachable') || run !== this.run) throw err;
            // the network is gone or the API does not answer: this listening is kept for later
            this.offline = true;
          }
        }
        if (this.offline && this.elapsed >= this.limitS) await this.keep(run, heardAt);
      } catch (err) {
        this.fail(run, err);
      } finally {
        asking = false;
      }
    }, TICK_MS);
  }

  async identifyFile(file: File): Promise<void> {
    const run = this.reset('file');
    this.phase = 'decoding';
    try {
      const samples = await decodeFile(file);
      await engine().begin(FILE_RATE, 1);
      const step = FILE_STEP_S * FILE_RATE;
      for (let off = 0; off < samples.length && run === this.run; off += step) {
        await pushAudio(samples.slice(off, off + step));
        const last = off + step >= samples.length;
        if (last) await engine().finish();
        this.elapsed = Math.min(samples.length, off + step) / FILE_RATE;
        if ((await this.ask(run, last)) === 'settled') return;
      }
    } catch (err) {
      this.fail(run, err);
    }
  }

  /** Back to the start screen, dropping whatever is in progress. */
  cancel(): void {
    this.reset(this.source);
  }

  private async ask(run: number, final: boolean): Promise<'settled' | 'asked' | 'not_ready'> {
    // silence, or too little audio, is not sent: the API could only say "need more"
    const { problem, quality, body: raw } = await engine().question();
    if (problem) {
      if (!final) return 'not_ready';
      if (this.source === 'file') throw new FileProblem(`This file is ${clipProblemMessages[problem]}.`);
      this.settle(run, null);
      return 'settled';
    }
    const packed = await gzip(raw);
    // marks for `bench app`: where the time from tap to answer goes
    performance.mark('earshot:ask', { detail: { heardS: quality.durationS } });
    const answer: IdentifyResponse = await sendIdentify(packed ?? raw, { session: this.session, look: ++this.looks, gzipped: packed !== null, timeoutMs: ASK_TIMEOUT_MS });
    performance.mark('earshot:answer', { detail: { status: answer.status } });
    if (run !== this.run) return 'settled';
    this.degraded = answer.degraded;
    this.token = answer.token;
    if (answer.status === 'match' && answer.matches.length > 0) {
      this.settle(run, answer.matches[0]);
      return 'settled';
    }
    if (final) {
      await this.askFallback(run);
      return 'settled';
    }
    return 'asked';
  }

  /** The recording's hashes (as identify would receive them) into the offline queue. */
  private async keep(run: number, heardAt: number): Promise<void> {
    if (run !== this.run) return;
    this.halt();
    const { quality, problem, body: raw } = await engine().question();
    if (problem) throw new NothingToKeep(clipProblemMessages[problem]);
    const packed = await gzip(raw);
    await this.sink.add({ id: crypto.randomUUID(), at: heardAt, seconds: quality.durationS, quality, gzip: packed !== null, body: packed ?? raw });
    if (run === this.run) this.phase = 'queued';
  }

  /** No local answer: the fallback identifier hears the last seconds, when the user allowed it. */
  private async askFallback(run: number): Promise<void> {
    const wav = this.token ? await this.sample?.wav() : null;
    this.sample = null;
    if (!wav || run !== this.run) return this.settle(run, null);
    this.halt();
    this.phase = 'fallback';
    try {
      const a = await askFallback(this.token!, wav);
      if (run !== this.run) return;
      const r = a.recording;
      if (a.status !== 'match' || !r) return this.settle(run, a.local && a.source === 'local' ? a.local : null);
      this.answeredBy = a.source;
      this.externalScore = r.score;
      this.settle(run, externalMatch(a.source, r, a.local));
    } catch (err) {
      // busy, unavailable or failing: the listener still gets the catalog's answer
      console.warn('earshot: fallback identifier', err);
      this.settle(run, null);
    }
  }

  private settle(run: number, match: IdentifyMatch | null): void {
    if (run !== this.run) return;
    this.halt();
    this.sample = null;
    this.match = match;
    this.phase = match ? 'match' : 'no_match';
    this.onSettled({
      at: Date.now(),
      source: this.source,
      status: match ? 'match' : 'no_match',
      ...(match && { track: $state.snapshot(match.track), confidence: match.confidence, offset_s: match.offset_s, speed: match.speed }),
      ...(match && this.answeredBy !== 'local' && { answeredBy: this.answeredBy }),
    });
  }

  private fail(run: number, err: unknown): void {
    if (run !== this.run) return;
    this.halt();
    this.sample = null;
    this.problem = describe(err);
    this.phase = 'problem';
  }

  private reset(source: 'mic' | 'file'): number {
    this.halt();
    this.source = source;
    this.phase = 'idle';
    this.elapsed = 0;
    this.levelDb = -Infinity;
    this.coaching = null;
    this.match = null;
    this.degraded = false;
    this.problem = null;
    this.offline = false;
    this.answeredBy = 'local';
    this.externalScore = null;
    this.sample = null;
    this.token = null;
    this.held = false;
    this.closing = false;
    this.session = crypto.randomUUID();
    this.looks = 0;
    return ++this.run;
  }

  private halt(): void {
    clearInterval(this.timer);
    void this.stopCapture();
  }

  private async stopCapture(): Promise<void> {
    const c = this.capture;
    this.capture = null;
    await c?.stop();
  }
}
