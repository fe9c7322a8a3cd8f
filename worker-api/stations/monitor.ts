// One Durable Object per station: the one owner of its capture loop, health and the play
// in progress. Alarms drive capture (a new connection per window, or a long session in
// continuous mode); windows are matched against the catalog with the identify core and
// turned into plays (plays.ts) that are written to D1 as they change and pushed to the
// live feed (hibernatable WebSockets). Everything it must remember across an eviction is
// one stored record; a capture that dies with the object is restarted by its watchdog alarm.
import { DurableObject } from 'cloudflare:workers';
import { defaultMatchOptions, queryEnvelope } from '../../dsp/src/index';
import type { LiveMessage, Station, StationHealth, StationStatus } from '../../common/api-types';
import { trackById } from '../catalog';
import type { Env } from '../env';
import { identifyBatch, timingOf } from '../identify/run';
import { capture, CaptureError, type CapturedWindow } from './capture';
import { audioFlowing, captureDropped, captureFailed, captureSucceeded, latencyMeasured, newHealth } from './health';
import { closeOpen, emptyTracker, MAX_GAP_MS, takeGap, takeWindow, type Detection, type PlayEvents, type TrackerState } from '../../common/plays';
import { upsertPlays } from './store';

/** Continuous mode: one capture reads this long, then the next connects at once. */
export const SESSION_S = 300;
/**
 * A running capture keeps an alarm this far ahead of its last sign of life (connecting, each
 * window): if the object dies with it (an eviction, a deploy), the alarm starts the next.
 */
const WATCHDOG_MS = 15_000;

interface Saved {
  station: Station;
  health: StationHealth;
  latencyN: number;
  /** Seconds of audio received, unrounded (health shows it to the millisecond). */
  secondsReceived: number;
  tracker: TrackerState;
  /** Time on air of the last audio heard. */
  heardUntilMs: number | null;
  /** Set when a capture failed or died: noted on the play when audio returns. */
  drop: { atMs: number; why: string } | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class StationMonitor extends DurableObject<Env> {
  private saved: Saved | null = null;
  private abort: AbortController | null = null;
  private running: Promise<void> | null = null;
  private readonly durations = new Map<number, number>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      const saved = (this.saved = (await ctx.storage.get<Saved>('saved')) ?? null);
      // a record written before this field existed
      if (saved) saved.secondsReceived ??= saved.health.seconds_received ?? 0;
      if (saved?.health.connected) {
        // the last instance died while capturing: that was a drop, and the next capture is due
        saved.health.connected = false;
        saved.drop ??= { atMs: saved.heardUntilMs ?? Date.now(), why: 'monitor restarted' };
        if (!saved.station.paused) await this.schedule(Date.now());
      }
    });
  }

  /** Starts monitoring `station` (a new station: fresh health, no play). */
  async configure(station: Station): Promise<StationStatus> {
    this.saved = { station, health: newHealth(), latencyN: 0, secondsReceived: 0, tracker: emptyTracker(), heardUntilMs: null, drop: null };
    if (station.paused) this.saved.health.state = 'paused';
    else await this.schedule(Date.now());
    await this.save();
    return this.status()!;
  }

  status(): StationStatus | null {
    const s = this.saved;
    return s && { ...s.station, health: s.health, now_playing: s.tracker.open?.play ?? null };
  }

  async pause(): Promise<StationStatus | null> {
    const s = this.saved;
    if (!s) return null;
    await this.stop('monitor paused');
    s.station = { ...s.station, paused: true };
    s.health = { ...s.health, state: 'paused', connected: false, next_capture_at: null };
    await this.ctx.storage.deleteAlarm();
    await this.save();
    this.send({ type: 'health', station_id: s.station.id, health: s.health });
    return this.status();
  }

  async resume(): Promise<StationStatus | null> {
    const s = this.saved;
    if (!s) return null;
    if (s.station.paused) {
      s.station = { ...s.station, paused: false };
      s.health = { ...s.health, state: 'starting', consecutive_failures: 0 };
      await this.schedule(Date.now());
      await this.save();
      this.send({ type: 'health', station_id: s.station.id, health: s.health });
    }
    return this.status();
  }

  /** Ends the play on air, forgets everything and closes the live feeds. */
  async destroy(): Promise<void> {
    if (!this.saved) return;
    await this.stop('station deleted');
    this.saved = null;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    for (const ws of this.ctx.getWebSockets()) ws.close(1000, 'station deleted');
  }

  async alarm(): Promise<void> {
    const s = this.saved;
    if (!s || s.station.paused || this.running) return;
    this.running = this.captureOnce(s).finally(() => (this.running = null));
    await this.running;
  }

  /** The live feed: a WebSocket that hibernates with the object between messages. */
  async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return new Response('expected a WebSocket upgrade', { status: 426 });
    const status = this.status();
    if (!status) return new Response('no such station', { status: 404 });
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ type: 'hello', station: status } satisfies LiveMessage));
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // the feed is one-way; a client may ping to keep proxies from closing it
    if (message === 'ping') ws.send('pong');
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    ws.close(code === 1005 ? 1000 : code, 'closing');
  }

  private async captureOnce(s: Saved): Promise<void> {
    const { url, capture: c } = s.station;
    const continuous = c.mode === 'continuous';
    const maxS = continuous ? SESSION_S : c.window_s;
    const started = Date.now();
    await this.ctx.storage.setAlarm(started + c.window_s * 1000 + WATCHDOG_MS);
    const abort = (this.abort = new AbortController());
    let next: number;
    let heardS = 0;
    try {
      await capture(
        { url, maxS, windowS: c.window_s, stepS: continuous ? c.window_s - c.overlap_s : c.window_s, signal: abort.signal },
        {
          connected: ({ format, name }) => {
            s.health.connected = true;
            s.health.stream = { ...s.health.stream, format, name };
            this.send({ type: 'health', station_id: s.station.id, health: s.health });
          },
          audio: (bytes, seconds, atMs, airedUntilMs) => {
            heardS += seconds;
            if (airedUntilMs !== null) s.heardUntilMs = airedUntilMs;
            s.health.bytes_received += bytes;
            s.secondsReceived += seconds;
            s.health.seconds_received = Math.round(s.secondsReceived * 1000) / 1000;
            if (seconds === 0) return;
            s.health.last_audio_at = iso(atMs);
            if (audioFlowing(s.health)) this.send({ type: 'health', station_id: s.station.id, health: s.health });
          },
          title: (title) => {
            s.health.stream = { ...s.health.stream, title };
          },
          window: (w) => this.matchWindow(s, w),
        },
      );
      captureSucceeded(s.health);
      next = continuous ? Date.now() : Math.max(Date.now() + 1000, started + c.every_s * 1000);
    } catch (err) {
      if (abort.signal.aborted) return; // paused or deleted: they finish the station's state
      if (!(err instanceof CaptureError)) console.error('capture', s.station.id, err);
      const failure = err instanceof CaptureError ? err : new CaptureError('bad_stream', `capture failed: ${(err as Error).message}`);
      // a stream that played a window's worth and then broke off worked: reconnect at once
      const working = heardS >= c.window_s && failure.kind !== 'unsupported_format';
      next = Date.now() + (working ? captureDropped(s.health, failure.message) : captureFailed(s.health, failure.kind, failure.message));
      s.drop ??= { atMs: s.heardUntilMs ?? Date.now(), why: 'stream dropped' };
      // an outage too long to bridge ends the play on air
      if (Date.now() - s.drop.atMs > MAX_GAP_MS) await this.publish(s, takeGap(s.tracker, s.drop.atMs, Date.now(), 'stream lost'));
    } finally {
      s.health.connected = false;
      if (this.abort === abort) this.abort = null;
    }
    await this.schedule(next);
    await this.save();
    this.send({ type: 'health', station_id: s.station.id, health: s.health });
  }

  private async matchWindow(s: Saved, w: CapturedWindow): Promise<void> {
    let detections: Detection[];
    try {
      detections = await this.detect(w);
    } catch (err) {
      // the index unreadable for a moment: this window is a miss, the capture goes on
      console.error('match', s.station.id, String(err));
      detections = [];
    }
    latencyMeasured(s.health, ++s.latencyN, Date.now() - w.endMs);
    if (s.drop) {
      await this.publish(s, takeGap(s.tracker, s.drop.atMs, w.startMs, s.drop.why));
      s.drop = null;
    }
    await this.ctx.storage.setAlarm(Date.now() + s.station.capture.window_s * 1000 + WATCHDOG_MS);
    await this.publish(s, takeWindow(s.tracker, { startMs: w.startMs, endMs: w.endMs, detections }, s.station, () => crypto.randomUUID()));
    await this.save();
    this.send({ type: 'health', station_id: s.station.id, health: s.health });
  }

  /** The window's confident tracks, one detection each. */
  private async detect(w: CapturedWindow): Promise<Detection[]> {
    const run = await identifyBatch(this.env, w.batch, 1, queryEnvelope(w.steps));
    const best = new Map<number, Detection>();
    for (const m of run.named) {
      if (m.confidence < defaultMatchOptions.threshold || best.has(m.track)) continue;
      const durationS = await this.durationOf(m.track);
      if (durationS === null) continue;
      best.set(m.track, {
        track: m.track,
        title: m.meta.title,
        artist: m.meta.artist,
        isrc: m.meta.isrc,
        durationS,
        confidence: m.confidence,
        ...timingOf(m),
      });
    }
    return [...best.values()];
  }

  private async durationOf(track: number): Promise<number | null> {
    if (!this.durations.has(track)) {
      const row = await trackById(this.env.CATALOG, track);
      if (!row) return null;
      this.durations.set(track, row.duration_s);
    }
    return this.durations.get(track)!;
  }

  /** Writes the plays that changed and tells the live feed. */
  private async publish(s: Saved, events: PlayEvents): Promise<void> {
    if (events.changed.length === 0) return;
    await upsertPlays(this.env.CATALOG, events.changed);
    for (const play of events.changed) this.send({ type: 'play', play });
    this.send({ type: 'now_playing', station_id: s.station.id, play: s.tracker.open?.play ?? null });
  }

  /** Stops a running capture and ends the play on air. */
  private async stop(note: string): Promise<void> {
    const s = this.saved!;
    this.abort?.abort(new Error(note));
    await this.running?.catch(() => {});
    await this.publish(s, closeOpen(s.tracker, note));
  }

  private async schedule(at: number): Promise<void> {
    this.saved!.health.next_capture_at = iso(at);
    await this.ctx.storage.setAlarm(at);
  }

  private async save(): Promise<void> {
    if (this.saved) await this.ctx.storage.put('saved', this.saved);
  }

  private send(msg: LiveMessage): void {
    const text = JSON.stringify(msg);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(text);
      } catch {
        // a socket closing as we write: its close handler tidies up
      }
    }
  }
}
