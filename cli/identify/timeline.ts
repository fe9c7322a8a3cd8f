// `earshot identify --timeline`: what plays when in a long file (a DJ mix, a radio
// recording). The file is fingerprinted once; each window of it is one question to
// /identify, and the answers become plays exactly as the radio monitor makes them
// (common/plays.ts): a track heard in several windows is one segment, dated from where its
// matches say it started, not from the first window that happened to hear it.
import type { IdentifyResponse, Play, TrackRecord } from '../../common/api-types';
import { confidenceFigure, confidenceWords } from '../../common/confidence-words';
import { closeOpen, emptyTracker, takeWindow, type Detection, type PlayEvents } from '../../common/plays';
import { cutBatch, defaultMatchOptions, frameSeconds, presets, stepsBetween } from '../../dsp/src/index';
import { errorText, type ApiClient } from '../api/client';
import type { Fingerprint } from '../fingerprint';
import { questionBody } from '../../common/question';

export interface TimelineOptions {
  windowS: number;
  hopS: number;
  /** Where in the file the fingerprint starts (identify --start). */
  fromS: number;
}

export interface Segment {
  /** Seconds of the file. */
  start_s: number;
  end_s: number;
  track_id: number | null;
  title: string;
  artist: string | null;
  isrc: string | null;
  confidence: number;
  speed: number;
  /** Windows that heard it. */
  windows: number;
}

export interface Timeline {
  segments: Segment[];
  windows: number;
  /** Seconds of the file the fingerprint covers. */
  heard_s: number;
}

/** 3 s clips are found 98 % of the time in process (BENCHMARKS.md): a shorter tail is left out. */
const LAST_WINDOW_S = 3;
/** Windows asked at once: the API answers each in tens of ms; order is restored before tracking. */
const IN_FLIGHT = 4;
const config = presets.query;
const FRAME_S = frameSeconds(config);

const fileSeconds = (ms: number) => Math.round(ms) / 1000;

function segmentOf(p: Play, fromS: number): Segment {
  return {
    // a track already playing when the recording began starts with the file
    start_s: Math.max(0, fileSeconds(Date.parse(p.start))) + fromS,
    end_s: fileSeconds(Date.parse(p.end)) + fromS,
    track_id: p.track_id,
    title: p.title,
    artist: p.artist,
    isrc: p.isrc,
    confidence: p.confidence,
    speed: p.speed,
    windows: p.detections,
  };
}

export async function timeline(api: ApiClient, fp: Fingerprint, opts: TimelineOptions): Promise<Timeline> {
  const heardS = fp.frames * FRAME_S;
  const starts: number[] = [];
  // the file's last seconds get a window too while they hold a clip the engine can place
  for (let s = 0; s === 0 || s + Math.min(opts.windowS, LAST_WINDOW_S) <= heardS; s += opts.hopS) starts.push(s);
  const durations = new Map<number, Promise<number | null>>();
  const durationOf = (id: number) => {
    if (!durations.has(id)) {
      durations.set(id, api.request<TrackRecord>('GET', `/tracks/${id}`).then((a) => (a.status === 200 ? a.body.duration_s : null)));
    }
    return durations.get(id)!;
  };

  async function detect(startS: number): Promise<Detection[]> {
    const batch = cutBatch(fp, startS / FRAME_S, (startS + opts.windowS) / FRAME_S, config);
    if (batch.hash.length === 0) return [];
    // the cut's records start at 0, and so do its steps
    const steps = stepsBetween(fp.envelope, startS / FRAME_S, (startS + opts.windowS) / FRAME_S);
    const answer = await api.request<IdentifyResponse>('POST', '/identify', { binary: questionBody([batch], { steps, firstStep: 0 }) });
    if (answer.status !== 200) throw new Error(`the window at ${clock(opts.fromS + startS)}: ${errorText(answer)}`);
    const out: Detection[] = [];
    for (const m of answer.body.matches) {
      if (m.confidence < defaultMatchOptions.threshold || out.some((d) => d.track === m.track.id)) continue;
      const durationS = await durationOf(m.track.id);
      if (durationS === null) continue;
      const { title, artist, isrc } = m.track;
      out.push({ track: m.track.id, title, artist, isrc, durationS, confidence: m.confidence, offsetS: m.offset_s, speed: m.speed });
    }
    return out;
  }

  const tracker = emptyTracker();
  const plays = new Map<string, Play>();
  const keep = (e: PlayEvents) => e.changed.forEach((p) => plays.set(p.id, p));
  const source = { id: 'file', name: 'file' };
  let next = 0;
  const newId = () => String(next++);
  for (let i = 0; i < starts.length; i += IN_FLIGHT) {
    const group = starts.slice(i, i + IN_FLIGHT);
    const found = await Promise.all(group.map(detect));
    group.forEach((s, k) => {
      const startMs = s * 1000;
      keep(takeWindow(tracker, { startMs, endMs: Math.min(s + opts.windowS, heardS) * 1000, detections: found[k] }, source, newId));
    });
  }
  keep(closeOpen(tracker, 'end of file'));
  const segments = [...plays.values()].map((p) => segmentOf(p, opts.fromS)).sort((a, b) => a.start_s - b.start_s);
  return { segments, windows: starts.length, heard_s: Math.round(heardS * 10) / 10 };
}

/** m:ss.s, or h:mm:ss for a file of an hour or more. */
export function clock(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const ss = sec.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The timeline for a person: each segment, and the stretches nothing was found in. */
export function timelineText(file: string, t: Timeline, opts: TimelineOptions): string {
  const lines = [`timeline  ${file}  (${clock(t.heard_s)} heard from ${clock(opts.fromS)}, ${t.windows} windows of ${opts.windowS} s every ${opts.hopS} s)`];
  let at = opts.fromS;
  const span = (a: number, b: number) => `${clock(a).padStart(7)} – ${clock(b).padStart(7)}`;
  for (const s of t.segments) {
    if (s.start_s - at >= 1) lines.push(`  ${span(at, s.start_s)}  nothing identified`);
    const speed = Math.abs(s.speed - 1) >= 0.005 ? `, ${((s.speed - 1) * 100).toFixed(1)} % speed` : '';
    lines.push(
      `  ${span(s.start_s, s.end_s)}  "${s.title}"${s.artist ? ` by ${s.artist}` : ''}  ${confidenceWords(s.confidence)} (${confidenceFigure(s.confidence)}), ${s.windows} window${s.windows === 1 ? '' : 's'}${speed}`,
    );
    at = Math.max(at, s.end_s);
  }
  const end = opts.fromS + t.heard_s;
  if (end - at >= 1) lines.push(`  ${span(at, end)}  nothing identified`);
  return lines.join('\n');
}
