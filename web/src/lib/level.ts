// The input level as the listening animation draws it: dBFS to a 0..1 height, followed
// quickly on the way up and slowly on the way down (a VU meter's ballistics), so blocks
// arriving ~11 times a second read as motion at the screen's frame rate, not as steps.

/** The meter spans this many dB below full scale: quieter is silence to a listener. */
export const FLOOR_DB = -60;
/** Time constants of the follower, ms: rise with a beat, fall over a few frames' worth. */
const ATTACK_MS = 50;
const RELEASE_MS = 300;

export function levelFraction(db: number): number {
  if (!(db > FLOOR_DB)) return 0;
  return Math.min(1, (db - FLOOR_DB) / -FLOOR_DB);
}

/** One frame of the follower: from `shown` towards `target` after `dtMs`. */
export function follow(shown: number, target: number, dtMs: number): number {
  const tau = target > shown ? ATTACK_MS : RELEASE_MS;
  return target + (shown - target) * Math.exp(-Math.max(0, dtMs) / tau);
}
