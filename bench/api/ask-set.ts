// `bench api --set <queries.json>`: the accuracy bench's question asked through the API.
// Every clip of a query set (FORMAT.md) is asked once, whole, as one identify against
// bench api's catalog in workerd, and its answer is kept in the accuracy bench's form
// (report.ts), so the accuracy and reliability tables, and `bench reliability`, read it as
// they read an in-process run. Issue 24 bounds false answers and each confidence bin's
// wrong share against this catalog as well as against the in-process index.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { IdentifyResponse } from '../../common/api-types';
import { decodeAudio, downmix } from '../../dsp/src/decode/index';
import { readJson } from '../engine/inputs';
import type { Answer, Query } from '../engine/report';
import type { Reply } from './client';

/**
 * An identify answer as the accuracy bench records one. Tracks are named by their title,
 * which bench api sets to the corpus id a query names (filler tracks have titles of their own).
 */
export function answerOf(qid: string, a: IdentifyResponse): Answer {
  const top = a.matches[0];
  const best = top?.track.title ?? null;
  return { qid, top: a.status === 'match' ? best : null, score: top?.confidence ?? 0, ms: a.ms, best };
}

/**
 * What wrangler dev answers a request in flight when it restarts the Worker, as it does
 * when a source it bundles changes (another bench's `build:dsp`, an edit): a 100k run of
 * the 1,600 negatives was lost to one.
 */
export const DEV_RESTARTED = 'Your worker restarted mid-request';

/** The identify answer `send` gets, sent again (`tries` times in all) where the dev server restarted the Worker under it. */
export async function identifyAnswer(send: () => Promise<Reply>, tries = 3): Promise<IdentifyResponse> {
  for (let attempt = 1; ; attempt++) {
    const res = await send();
    if (res.status === 200) return res.json<IdentifyResponse>();
    if (attempt < tries && res.text.startsWith(DEV_RESTARTED)) continue;
    throw new Error(`identify: ${res.status} ${res.text.slice(0, 300)}`);
  }
}

/**
 * Asks about every clip of `queriesPath` (paths relative to `data`). `bodyOf` makes the
 * identify body from a clip's mono samples, `ask` sends it.
 */
export async function askSet(
  queriesPath: string,
  data: string,
  bodyOf: (samples: Float32Array, rate: number) => Promise<Uint8Array>,
  ask: (body: Uint8Array) => Promise<IdentifyResponse>,
): Promise<{ queries: Query[]; answers: Answer[] }> {
  const queries = await readJson<(Query & { path: string })[]>(queriesPath, 'queries');
  const answers: Answer[] = [];
  for (const q of queries) {
    const audio = await decodeAudio(new Uint8Array(await readFile(resolve(data, q.path))));
    answers.push(answerOf(q.qid, await ask(await bodyOf(downmix(audio.channels), audio.sampleRate))));
  }
  return { queries, answers };
}
