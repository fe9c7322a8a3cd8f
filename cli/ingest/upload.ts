// POST /tracks for one file, in chunks when it is too long for one request, and what the
// answer means for the file.
import type { IngestChunkResponse, IngestRequest } from '../../common/api-types';
import { INGEST_CHUNK_RECORDS } from '../../common/limits';
import { ENVELOPE_VERSION, FP_VERSION } from '../../dsp/src/index';
import { type ApiClient, errorText } from '../api/client';
import type { Outcome } from './state';
import type { TrackFields } from './metadata';

export type UploadResult = Outcome | { outcome: 'failed'; reason: string };


export async function uploadTrack(
  client: ApiClient,
  fields: TrackFields,
  /** `sha1`: the decoded audio's (content_sha1, dsp pcm.ts); `envelope`: its stored band envelope (dsp storeEnvelope). */
  audio: { sha1: string; seconds: number; hash: Uint32Array; t: Int32Array; envelope?: Uint8Array },
  force: boolean,
  chunkRecords = INGEST_CHUNK_RECORDS,
): Promise<UploadResult> {
  const count = Math.max(1, Math.ceil(audio.hash.length / chunkRecords));
  for (let index = 0; index < count; index++) {
    const from = index * chunkRecords;
    const body: IngestRequest = {
      ...fields,
      duration_s: audio.seconds,
      content_sha1: audio.sha1,
      fp_version: FP_VERSION,
      hashes: { hash: Array.from(audio.hash.subarray(from, from + chunkRecords)), t: Array.from(audio.t.subarray(from, from + chunkRecords)) },
      ...(index === 0 && audio.envelope ? { envelope: { version: ENVELOPE_VERSION, data: Buffer.from(audio.envelope).toString('base64url') } } : {}),
      ...(force ? { force } : {}),
      ...(count > 1 ? { chunk: { index, count } } : {}),
    };
    const answer = await client.request<IngestChunkResponse>('POST', '/tracks', { json: body });
    if (![200, 201, 202].includes(answer.status)) return { outcome: 'failed', reason: errorText(answer) };
    const r = answer.body;
    switch (r.status) {
      case 'partial':
        // the server names the chunk it wants next: after an interrupted upload, that skips what it holds
        index = r.chunks_done - 1;
        break;
      case 'created':
      case 'exists':
        return { outcome: r.status, track: r.track.id };
      case 'duplicate':
        return { outcome: 'duplicate', of: r.duplicate_of.track.id, class: r.duplicate_of.class, similarity: r.duplicate_of.similarity };
    }
  }
  return { outcome: 'failed', reason: `the API did not finish the ${count}-chunk upload` };
}

/** Fails fast on a wrong token before any file is read: an empty body is refused after the token check. */
export async function checkAdmin(client: ApiClient): Promise<void> {
  await client.request('POST', '/tracks', { json: {} });
}
