// A capture's windows from the test stream server (real pace): each carries the band
// envelope's steps from its own first frame, so a window of a long stream is placed as a
// clip is, and windows that overlap agree on the records and steps they share.
import { describe, expect, inject, it } from 'vitest';
import { ENVELOPE, frameSeconds, hypothesisOf, presets, type HashBatch } from '../../dsp/src/index';
import { capture, type CapturedWindow } from './capture';

const streams = inject('streamUrl');
const STEP_MS = ENVELOPE.stepFrames * frameSeconds(presets.query) * 1000;
/** playlist.json's music (programme seconds: two songs, then the unknown one and the last back to back). */
const MUSIC = [[4, 28], [34, 57.3], [62.3, 106.3]];
const PROGRAMME_S = 110.3;
/** Seconds of programme a new listener gets at once (the stream server's burst-on-connect). */
const BURST_S = 2;

/**
 * Waits until a capture connecting now hears music from `fromS` to `toS` after its start.
 * The mount's clock runs for every test that listens to it, so it is read, not restarted.
 */
async function untilMusicAhead(fromS: number, toS: number): Promise<void> {
  for (;;) {
    const url = `${streams}/control/clock?mount=/radio.mp3`;
    const { clock_start_ms: clock } = (await (await fetch(url, { method: 'POST' })).json()) as { clock_start_ms: number | null };
    if (clock === null) {
      // nobody listened yet: a first listener starts the programme
      await (await fetch(`${streams}/radio.mp3`)).body?.cancel();
      continue;
    }
    const heardFrom = ((((Date.now() - clock) / 1000 - BURST_S) % PROGRAMME_S) + PROGRAMME_S) % PROGRAMME_S;
    if (MUSIC.some(([a, b]) => heardFrom + fromS >= a + 0.5 && heardFrom + toS <= b - 0.5)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The as-heard records of `b` from frame `from` on, moved back by `from`, as sorted "hash@t". */
function heardFrom(b: HashBatch, from: number, until = Infinity): string[] {
  const out: string[] = [];
  for (let i = 0; i < b.hash.length; i++) {
    if (hypothesisOf(b.hyp[i]) === 0 && b.t[i] >= from && b.t[i] < until) out.push(`${b.hash[i]}@${b.t[i] - from}`);
  }
  return out.sort();
}

describe('capture', () => {
  it("hands over overlapping windows on the envelope's step grid, agreeing on what they share", async () => {
    const windows: CapturedWindow[] = [];
    const sink = { connected() {}, audio() {}, title() {}, window: async (w: CapturedWindow) => void windows.push(w) };
    // the windows share seconds 2 to 4
    await untilMusicAhead(2, 4);
    await capture({ url: `${streams}/radio.mp3`, maxS: 7, windowS: 4, stepS: 2, signal: new AbortController().signal }, sink);
    expect(windows.length).toBeGreaterThanOrEqual(2);
    const nb = ENVELOPE.bands;
    for (const w of windows) {
      expect(Math.abs(w.steps.length / nb - (w.endMs - w.startMs) / STEP_MS)).toBeLessThanOrEqual(1);
      expect(w.batch.hash.length).toBeGreaterThan(0);
    }
    const [a, b] = windows;
    const shift = Math.round((b.startMs - a.startMs) / STEP_MS);
    expect(Math.abs(shift * STEP_MS - 2000)).toBeLessThanOrEqual(STEP_MS);
    const shared = a.steps.length / nb - shift;
    expect(shared).toBeGreaterThan(0);
    expect(b.steps.subarray(0, shared * nb)).toEqual(a.steps.subarray(shift * nb));
    const shiftFrames = shift * ENVELOPE.stepFrames;
    const overlapFrames = shared * ENVELOPE.stepFrames;
    const fromA = heardFrom(a.batch, shiftFrames);
    expect(fromA.length).toBeGreaterThan(50);
    expect(heardFrom(b.batch, 0, overlapFrames)).toEqual(fromA);
  }, 30_000);
});
