// How long one listening lasts: the API's question length, shorter offline, longer when the
// listener holds on through a long intro.
import { LISTEN_LIMIT_S } from '../../../common/limits';

/** Offline, a recording is this long: more than the engine needs, and a small queue item. */
export const OFFLINE_LISTEN_S = 12;

/**
 * "Keep listening" (a long intro, a DJ talking over the start): 25 s. Each question sends
 * everything heard so far, packed to IDENTIFY_MAX_BYTES as-heard records first, then the
 * newest seconds of the speed/pitch hypotheses, the extra peaks' records, the older
 * hypotheses (fitRecords). Since `fp_version` 5's finer cells the
 * query preset's fuzz makes more as-heard records a second, and at 30 s (twice the question,
 * the limit before) a body held under 3 s of each hypothesis, less than the shortest query
 * the accuracy suite scores, so a sped-up song would go unheard (listen-limit.test.ts). The
 * server's contract (the body size) is unchanged.
 */
export const HELD_LISTEN_S = 25;

export function listenLimit(offline: boolean, held: boolean): number {
  if (held) return HELD_LISTEN_S;
  return offline ? OFFLINE_LISTEN_S : LISTEN_LIMIT_S;
}
