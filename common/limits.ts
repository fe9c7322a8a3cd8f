// The API's size contract, one number each, for the app, the CLI and the Worker alike: a
// client sizes its requests by these, the Worker refuses what exceeds them.
import { HASH_MAX } from '../dsp/src/index';

/** An identify body, decoded bytes (the binary wire format or JSON). */
export const IDENTIFY_MAX_BYTES = 256 * 1024;
/**
 * The audio one question covers at most: the app stops listening here with "no match",
 * and the CLI hears a file's first this-many seconds unless told otherwise.
 */
export const LISTEN_LIMIT_S = 15;

/**
 * While it listens, a client asks again with everything heard so far (identify's `session`):
 * every half second while most answers come, then every second, then every two. On the dev
 * suite's 10 s clips 90 % of clean and 5 dB SNR clips are named by 3.5 s of audio; asking
 * every half second there names them 0.15-0.3 s of audio sooner than every second (`bench
 * latency`), and the slower tail keeps a 15 s listening at 17 questions (15 at one a second).
 */
export const ASK_SCHEDULE: readonly { untilS: number; everyS: number }[] = [
  { untilS: 5, everyS: 0.5 },
  { untilS: 10, everyS: 1 },
  { untilS: Infinity, everyS: 2 },
];

/** How long after a question at `heardS` seconds of listening the next one goes. */
export function askIntervalS(heardS: number): number {
  return ASK_SCHEDULE.find((s) => heardS < s.untilS)!.everyS;
}

/**
 * Questions one identification may count (identify's `look`): well above the schedule's 23
 * over a 30 s "keep listening". A look corrects the answer's confidence for the looks before it.
 */
export const LOOK_MAX = 64;

/** An ingest body, decoded bytes. */
export const INGEST_MAX_BYTES = 8 * 1024 * 1024;
/** Records one ingest request may carry (~6 hours of audio at index density). */
export const INGEST_MAX_RECORDS = 600_000;
/** Chunks of one chunked ingest (a track too long for one request). */
export const MAX_CHUNKS = 256;

/** Anchor times in engine frames: 2^24 frames is ~74 hours. */
export const FRAME_MAX = 2 ** 24 - 1;

/** Room an ingest body keeps for everything but the records (title, artist, album, ids: a few KB). */
const INGEST_FIELDS_BYTES = 64 * 1024;
/** JSON bytes of one record at most: the longest hash and time, a comma after each. */
const INGEST_RECORD_JSON_BYTES = String(HASH_MAX).length + String(FRAME_MAX).length + 2;

/** Records per ingest request that fit its body whatever their values: the CLI's chunk. */
export const INGEST_CHUNK_RECORDS = Math.min(INGEST_MAX_RECORDS, Math.floor((INGEST_MAX_BYTES - INGEST_FIELDS_BYTES) / INGEST_RECORD_JSON_BYTES));

/** A track's release year: what ingest accepts (the CLI drops a tag's year outside it). */
export const YEAR_MIN = 1000;
export const YEAR_MAX = 2100;

/** An uploaded cover picture (JPEG, PNG or WebP), bytes: a 3000 px store-bought cover is 1-3 MB. */
export const ARTWORK_MAX_BYTES = 4 * 1024 * 1024;
/**
 * Its edges in pixels. 3000 is the largest cover stores ask for; past it the decoded picture
 * (4 bytes a pixel, in the decoder's memory and a copy) crowds a Worker's 128 MB.
 */
export const ARTWORK_MAX_EDGE = 3000;
/** The smallest picture worth keeping: the history row's size. */
export const ARTWORK_MIN_EDGE = 96;
