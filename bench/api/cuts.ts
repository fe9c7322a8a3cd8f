// Where the API benches cut their clips from a track: the same cuts on every run and on both
// sides of a paired run, spread over the track, clear of the audio it shares with another.

import type { SharedRegions } from '../engine/report';

/** One track's spans (s) of shared audio. */
export type Regions = SharedRegions[string];

/**
 * Where clip `q` of `seconds` starts in a track of `durationS`: spread over the track (the
 * last second left out), and outside `shared`, where the other track would rightly be named.
 */
export function cutAt(durationS: number, q: number, seconds: number, shared: Regions = []): number {
  const last = Math.max(1, durationS - seconds - 1);
  let from = Math.floor((((q * 7919) % 1000) / 1000) * last);
  for (let tries = 0; tries <= shared.length; tries++) {
    const overlap = shared.find(([a, b]) => from < b && from + seconds > a);
    if (!overlap) return from;
    from = Math.ceil(overlap[1]) > last ? 0 : Math.ceil(overlap[1]);
  }
  throw new Error(`no ${seconds} s of the track clear of its shared audio`);
}
