import { describe, expect, it } from 'vitest';
import type { Play } from './api-types';
import { closeOpen, emptyTracker, MAX_MISSES, takeGap, takeWindow, type Detection, type HeardWindow, type TrackerState } from './plays';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const station = { id: 'st_test', name: 'Test FM' };

/** A programme: what is on air from s to s (seconds after T0), and at what speed. */
interface Slot {
  track: number | null;
  from: number;
  to: number;
  speed?: number;
  /** Seconds of the track already played when the slot starts (a song joined late). */
  at?: number;
}

function detectionsOf(slots: Slot[], fromS: number, toS: number, minHeardS = 3): Detection[] {
  const out: Detection[] = [];
  for (const s of slots) {
    if (s.track === null) continue;
    const heard = Math.min(toS, s.to) - Math.max(fromS, s.from);
    if (heard < minHeardS) continue;
    const speed = s.speed ?? 1;
    out.push({
      track: s.track,
      title: `Song ${s.track}`,
      artist: null,
      isrc: null,
      durationS: (s.to - s.from) * speed + (s.at ?? 0),
      confidence: 0.999,
      offsetS: (fromS - s.from) * speed + (s.at ?? 0),
      speed,
    });
  }
  return out;
}

function run(slots: Slot[], windows: [number, number][], state: TrackerState = emptyTracker()): Map<string, Play> {
  const plays = new Map<string, Play>();
  let n = 0;
  for (const [a, b] of windows) {
    const w: HeardWindow = { startMs: T0 + a * 1000, endMs: T0 + b * 1000, detections: detectionsOf(slots, a, b) };
    for (const p of takeWindow(state, w, station, () => `p${++n}`).changed) plays.set(p.id, p);
  }
  return plays;
}

const sliding = (until: number, size = 10, step = 5): [number, number][] =>
  Array.from({ length: Math.floor((until - size) / step) + 1 }, (_, i) => [i * step, i * step + size]);

const secondsOf = (iso: string) => (Date.parse(iso) - T0) / 1000;
const summary = (plays: Map<string, Play>) =>
  [...plays.values()].map((p) => ({ track: p.track_id, start: secondsOf(p.start), end: secondsOf(p.end), open: p.open }));

describe('plays from windows', () => {
  const programme: Slot[] = [
    { track: null, from: 0, to: 4 },
    { track: 1, from: 4, to: 28 },
    { track: null, from: 28, to: 34 },
    { track: 2, from: 34, to: 34 + 24 / 1.03, speed: 1.03 },
    { track: null, from: 57.3, to: 82 }, // talk, then a song the catalog does not know
    { track: 3, from: 82, to: 106 },
    { track: null, from: 106, to: 130 },
  ];

  it('continuous windows: one play per song, dated by the implied start and end, nothing for the unknown song', () => {
    const got = summary(run(programme, sliding(130)));
    expect(got.map((p) => p.track)).toEqual([1, 2, 3]);
    expect(got.every((p) => !p.open)).toBe(true);
    expect(got[0].start).toBeCloseTo(4, 3);
    expect(got[0].end).toBeCloseTo(28, 3);
    expect(got[1].start).toBeCloseTo(34, 3);
    expect(got[1].end).toBeCloseTo(34 + 24 / 1.03, 2);
    expect(got[2].start).toBeCloseTo(82, 3);
  });

  it('windows mode (20 s every 30 s) still dates plays to the second', () => {
    const windows: [number, number][] = Array.from({ length: 5 }, (_, i) => [i * 30, i * 30 + 20]);
    const got = summary(run(programme, windows));
    expect(got.map((p) => p.track)).toEqual([1, 2, 3]);
    expect(got[0].start).toBeCloseTo(4, 3);
    expect(got[1].start).toBeCloseTo(34, 3);
    expect(got[2].start).toBeCloseTo(82, 3);
    expect(got[2].end).toBeCloseTo(106, 3);
  });

  it('a song cut short ends where it was last heard, and the next song starts where it starts', () => {
    // track 1 (60 s long) faded out after 20 s, then talk, then track 2
    const slots: Slot[] = [{ track: 1, from: 0, to: 20 }, { track: null, from: 20, to: 45 }, { track: 2, from: 45, to: 90 }];
    const plays = new Map<string, Play>();
    const state = emptyTracker();
    let n = 0;
    for (const [a, b] of sliding(90)) {
      const detections = detectionsOf(slots, a, b).map((d) => (d.track === 1 ? { ...d, durationS: 60 } : d));
      for (const p of takeWindow(state, { startMs: T0 + a * 1000, endMs: T0 + b * 1000, detections }, station, () => `p${++n}`).changed) plays.set(p.id, p);
    }
    const got = summary(plays);
    expect(got.map((p) => p.track)).toEqual([1, 2]);
    // last window hearing track 1 for 3 s or more is [10, 20): the play ends there, not at 60 s
    expect(got[0].end).toBeGreaterThanOrEqual(20);
    expect(got[0].end).toBeLessThanOrEqual(25);
    expect(got[1].start).toBeCloseTo(45, 3);
  });

  it(`talk over a song for up to ${MAX_MISSES} windows keeps one play; heard again later in the same airing, it goes on`, () => {
    const slots: Slot[] = [{ track: 7, from: 0, to: 60 }];
    const windows = sliding(60);
    const state = emptyTracker();
    const plays = new Map<string, Play>();
    let n = 0;
    windows.forEach(([a, b], i) => {
      const talkedOver = i >= 2 && i < 2 + MAX_MISSES + 2; // more misses than allowed: closed, then reopened
      const detections = talkedOver ? [] : detectionsOf(slots, a, b);
      for (const p of takeWindow(state, { startMs: T0 + a * 1000, endMs: T0 + b * 1000, detections }, station, () => `p${++n}`).changed) plays.set(p.id, p);
    });
    expect(plays.size).toBe(1);
    const [p] = plays.values();
    expect(secondsOf(p.start)).toBeCloseTo(0, 3);
    expect(secondsOf(p.end)).toBeCloseTo(60, 3);
  });

  it('the same song played twice in a row is two plays', () => {
    const got = summary(run([{ track: 5, from: 0, to: 30 }, { track: 5, from: 30, to: 60 }], sliding(60)));
    expect(got.map((p) => [p.track, Math.round(p.start)])).toEqual([[5, 0], [5, 30]]);
    expect(got[0].end).toBeCloseTo(30, 3);
  });

  it('a short drop is noted on the play, which goes on; a long one ends it', () => {
    const slots: Slot[] = [{ track: 9, from: 0, to: 100 }];
    const state = emptyTracker();
    let n = 0;
    const id = () => `p${++n}`;
    const take = (a: number, b: number) => takeWindow(state, { startMs: T0 + a * 1000, endMs: T0 + b * 1000, detections: detectionsOf(slots, a, b) }, station, id);
    take(0, 10);
    const gap = takeGap(state, T0 + 10_000, T0 + 14_000, 'stream dropped');
    expect(gap.changed[0].notes[0]).toBe('stream dropped at 10:00:10 UTC, 4 s not heard');
    expect(takeGap(state, T0 + 12_000, T0 + 11_000, 'stream dropped').changed[0].notes[1]).toBe('stream dropped at 10:00:12 UTC, nothing missed');
    const after = take(14, 24).changed;
    expect(after).toHaveLength(1);
    expect(after[0].id).toBe('p1');
    expect(after[0].open).toBe(true);
    const long = takeGap(state, T0 + 24_000, T0 + 200_000, 'stream dropped');
    expect(long.changed[0].open).toBe(false);
    expect(secondsOf(long.changed[0].end)).toBeCloseTo(24, 3);
    expect(long.changed[0].notes.at(-1)).toMatch(/the play may have gone on/);
  });

  it('pausing closes the open play where it was last heard', () => {
    const state = emptyTracker();
    takeWindow(state, { startMs: T0, endMs: T0 + 10_000, detections: detectionsOf([{ track: 4, from: 0, to: 200 }], 0, 10) }, station, () => 'p1');
    const { changed } = closeOpen(state, 'monitor paused');
    expect(changed[0].open).toBe(false);
    expect(secondsOf(changed[0].end)).toBe(10);
    expect(changed[0].notes).toEqual(['monitor paused']);
    expect(closeOpen(state, 'again').changed).toEqual([]);
  });
});
