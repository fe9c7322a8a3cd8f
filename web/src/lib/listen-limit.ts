// How long one listening lasts: the API's question length, shorter offline, longer when the
// listener holds on through a long intro.
import { LISTEN_LIMIT_S } from '../../../common/limits';

/** Offline, a recording is this long: more than the engine needs, and a small queue item. */
export const OFFLINE_LISTEN_S = 12;

/**
 * "Keep listening" (a long intro, a DJ talking over the start): twice the question. Each
 * question sends everything heard so far, packed to IDENTIFY_MAX_BYTES as-heard records
 * first, then the newest of the speed/pitch hypotheses (fitRecords). The query preset makes
 * ~530 as-heard and ~3,300 hypothesis records a second of music: at 30 s one body still holds
 * every as-heard record and the last 4 s of each hypothesis; at 40 s only 2 s, less than the
 * shortest query the accuracy suite scores (3 s), so a sped-up song would go unheard
 * (listen-limit.test.ts). The server's contract (the body size) is unchanged.
 */
export const HELD_LISTEN_S = 2 * LISTEN_LIMIT_S;

export function listenLimit(offline: boolean, held: boolean): number {
  if (held) return HELD_LISTEN_S;
  return offline ? OFFLINE_LISTEN_S : LISTEN_LIMIT_S;
}
