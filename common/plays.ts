// Window-by-window detections into plays. A detection says which track a window heard and
// where in that track the window started, so it implies when the track started on air
// (window start − offset / speed) and when it would end (start + duration / speed): the
// start of a play is exact to a frame even when the first window that heard it came late,
// and windows mode (20 s heard every 30 s) still dates plays to the second.
import type { Play } from './api-types';

/** Two detections of a track whose implied starts differ less than this are one airing. */
export const SAME_AIRING_MS = 4000;
/** Windows in a row that may miss an open play (talk over it, a noisy patch) before it ends. */
export const MAX_MISSES = 2;
/** A capture gap longer than this ends the open play (the stream was lost for too long to say). */
export const MAX_GAP_MS = 120_000;

export interface Detection {
  track: number;
  title: string;
  artist: string | null;
  isrc: string | null;
  durationS: number;
  confidence: number;
  /** Where in the track the window started, seconds (the matcher's offset). */
  offsetS: number;
  speed: number;
}

export interface HeardWindow {
  startMs: number;
  endMs: number;
  /** Confident detections, at most one per track. */
  detections: Detection[];
}

/** A play while it may still grow, as the monitor keeps it between windows (and evictions). */
export interface OpenPlay {
  play: Play;
  /** The track's start and end on air as its detections imply them. */
  impliedStartMs: number;
  impliedEndMs: number;
  /** End of the last window that heard it. */
  heardUntilMs: number;
  misses: number;
}

export interface TrackerState {
  open: OpenPlay | null;
  /** The play closed last: heard again in the same airing, it opens again (talk over a song). */
  last: OpenPlay | null;
}

export interface PlayEvents {
  /** Plays opened, extended or closed by this window, in time order; each one's latest form. */
  changed: Play[];
}

export const emptyTracker = (): TrackerState => ({ open: null, last: null });

const iso = (ms: number) => new Date(ms).toISOString();

function implied(w: HeardWindow, d: Detection): { startMs: number; endMs: number } {
  const startMs = Math.round(w.startMs - (d.offsetS * 1000) / d.speed);
  return { startMs, endMs: Math.round(startMs + (d.durationS * 1000) / d.speed) };
}

function withTimes(p: Play, startMs: number, endMs: number): Play {
  return { ...p, start: iso(startMs), end: iso(endMs), duration_s: Math.round((endMs - startMs) / 100) / 10 };
}

/** Ends the open play at `atMs` (never before its start, never after the track's end). */
function close(state: TrackerState, atMs: number, note?: string): Play | null {
  const o = state.open;
  if (!o) return null;
  const startMs = Date.parse(o.play.start);
  const endMs = Math.max(startMs, Math.min(o.impliedEndMs, atMs));
  o.play = { ...withTimes(o.play, startMs, endMs), open: false, notes: note ? [...o.play.notes, note] : o.play.notes };
  state.open = null;
  state.last = o;
  return o.play;
}

type Implied = { d: Detection; startMs: number; endMs: number };

const sameAiring = (o: OpenPlay, x: Implied) => x.d.track === o.play.track_id && Math.abs(x.startMs - o.impliedStartMs) <= SAME_AIRING_MS;

/** One more window heard the open play `o`. */
function extend(o: OpenPlay, x: Implied, w: HeardWindow): void {
  o.heardUntilMs = Math.max(o.heardUntilMs, Math.min(w.endMs, x.endMs));
  o.misses = 0;
  const startMs = Date.parse(o.play.start);
  o.play = {
    ...withTimes(o.play, startMs, Math.max(startMs, Math.min(o.impliedEndMs, o.heardUntilMs))),
    confidence: Math.max(o.play.confidence, x.d.confidence),
    detections: o.play.detections + 1,
    open: true,
  };
}

/** Feeds one window; returns the plays it changed. `state` is updated in place. */
export function takeWindow(state: TrackerState, w: HeardWindow, station: { id: string; name: string }, newId: () => string): PlayEvents {
  const changed = new Map<string, Play>();
  const ordered: Implied[] = w.detections.map((d) => ({ d, ...implied(w, d) })).sort((a, b) => a.startMs - b.startMs);
  const o = state.open;
  const same = o ? ordered.find((x) => sameAiring(o, x)) : undefined;
  if (o && same) extend(o, same, w);
  else if (o && w.startMs >= o.impliedEndMs) close(state, o.impliedEndMs);
  else if (o && ++o.misses > MAX_MISSES) close(state, o.heardUntilMs);
  if (o && (same || !o.play.open)) changed.set(o.play.id, o.play);
  for (const x of ordered) {
    if (x === same) continue;
    const current = state.open;
    // the tail of a play already followed by a later one
    if (current && x.startMs <= current.impliedStartMs) continue;
    const last = state.last;
    if (!current && last && sameAiring(last, x)) {
      // heard again after a few windows without it: the same play goes on
      state.open = last;
      state.last = null;
      extend(last, x, w);
      changed.set(last.play.id, last.play);
      continue;
    }
    if (!current && last && x.startMs <= last.impliedStartMs) continue;
    // another track: it follows the open play, which ends where it starts
    if (current) changed.set(current.play.id, close(state, x.startMs)!);
    const startMs = Math.max(x.startMs, state.last ? Date.parse(state.last.play.end) : -Infinity);
    const heardUntilMs = Math.min(w.endMs, x.endMs);
    const play: Play = {
      id: newId(),
      station_id: station.id,
      station_name: station.name,
      track_id: x.d.track,
      title: x.d.title,
      artist: x.d.artist,
      isrc: x.d.isrc,
      start: '',
      end: '',
      duration_s: 0,
      confidence: x.d.confidence,
      speed: x.d.speed,
      detections: 1,
      open: true,
      notes: [],
    };
    state.open = { impliedStartMs: x.startMs, impliedEndMs: x.endMs, heardUntilMs, misses: 0, play: withTimes(play, startMs, Math.max(startMs, heardUntilMs)) };
    changed.set(play.id, state.open.play);
  }
  return { changed: [...changed.values()] };
}

/**
 * The monitor lost the stream at `fromMs` and heard it again from `toMs` (a reconnect: the
 * server's burst on connect may have covered the gap). The open play goes on with a note;
 * a gap too long to bridge, or one past the track's end, ends it.
 */
export function takeGap(state: TrackerState, fromMs: number, toMs: number, why: string): PlayEvents {
  const o = state.open;
  if (!o) return { changed: [] };
  const missedS = Math.round((toMs - fromMs) / 1000);
  const note = `${why} at ${iso(fromMs).slice(11, 19)} UTC, ${missedS > 0 ? `${missedS} s not heard` : 'nothing missed'}`;
  if (toMs - fromMs > MAX_GAP_MS || fromMs >= o.impliedEndMs) {
    const closed = close(state, o.heardUntilMs, fromMs < o.impliedEndMs ? `${note}; the play may have gone on` : undefined);
    return { changed: closed ? [closed] : [] };
  }
  o.play = { ...o.play, notes: [...o.play.notes, note] };
  return { changed: [o.play] };
}

/** Ends the open play where it was last heard (pause, delete). */
export function closeOpen(state: TrackerState, note: string): PlayEvents {
  const closed = close(state, state.open?.heardUntilMs ?? 0, note);
  return { changed: closed ? [closed] : [] };
}
