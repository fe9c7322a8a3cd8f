// One POST /tracks and what its answer means for the file.
import type { IngestRequest, IngestResponse } from '../../common/api-types';
import { FP_VERSION } from '../../dsp/src/index';
import { type ApiClient, errorText } from '../api/client';
import type { Outcome } from './state';
import type { TrackFields } from './metadata';

export type UploadResult = Outcome | { outcome: 'failed'; reason: string };

export async function uploadTrack(
  client: ApiClient,
  fields: TrackFields,
  audio: { sha1: string; seconds: number; hash: Uint32Array; t: Int32Array },
  force: boolean,
): Promise<UploadResult> {
  const body: IngestRequest = {
    ...fields,
    duration_s: audio.seconds,
    content_sha1: audio.sha1,
    fp_version: FP_VERSION,
    hashes: { hash: Array.from(audio.hash), t: Array.from(audio.t) },
    ...(force ? { force } : {}),
  };
  const answer = await client.request<IngestResponse>('POST', '/tracks', { json: body });
  if (answer.status !== 200 && answer.status !== 201) return { outcome: 'failed', reason: errorText(answer) };
  const r = answer.body;
  switch (r.status) {
    case 'created':
    case 'exists':
      return { outcome: r.status, track: r.track.id };
    case 'duplicate':
      return { outcome: 'duplicate', of: r.duplicate_of.track.id, class: r.duplicate_of.class, similarity: r.duplicate_of.similarity };
  }
}

/** Fails fast on a wrong token before any file is read: an empty body is refused after the token check. */
export async function checkAdmin(client: ApiClient): Promise<void> {
  await client.request('POST', '/tracks', { json: {} });
}
