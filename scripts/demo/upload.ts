// POST /api/v1/tracks for one demo song: index-side hashes plus metadata, admin token; then
// its cover through PUT /api/v1/tracks/:id/artwork, as `earshot index` sends a file's.
import type { ApiError, IngestRequest, IngestResponse } from '../../common/api-types';
import type { ArtworkUpload } from '../../common/artwork';
import { contentSha1, ENVELOPE_VERSION, storeEnvelope, type HashBatch } from '../../dsp/src/index';
import { decodeWav } from '../../dsp/src/decode/wav';

export interface DemoMeta {
  title: string;
  artist: string;
  album: string;
  isrc: string;
  external_id: string;
  year?: number;
}

async function answerOf<T>(res: Response): Promise<T> {
  const json = (await res.json().catch(() => null)) as T | ApiError | null;
  if (!res.ok || !json || (typeof json === 'object' && 'error' in json)) {
    const e = json && typeof json === 'object' && 'error' in json ? json.error : { code: `http_${res.status}`, message: res.statusText };
    throw new Error(`${e.message} (${e.code})`);
  }
  return json as T;
}

/** Sets a track's cover picture (PNG bytes); the API changes nothing when it has these bytes already. */
async function uploadCover(baseUrl: string, token: string, track: number, png: Uint8Array): Promise<string> {
  const res = await fetch(new URL(`/api/v1/tracks/${track}/artwork`, baseUrl), {
    method: 'PUT',
    headers: { 'content-type': 'image/png', authorization: `Bearer ${token}` },
    body: png as BodyInit,
  });
  const answer = await answerOf<ArtworkUpload>(res);
  return answer.status === 'created' ? 'cover set' : 'cover unchanged';
}

/**
 * Returns a one-line outcome; throws with the API's message when it refuses. `audioFile`: the
 * WAV; `fp`: its index-side fingerprint (dsp fingerprint); `cover`: PNG bytes to set as its picture.
 */
export async function uploadTrack(
  baseUrl: string,
  token: string,
  meta: DemoMeta,
  audioFile: Uint8Array,
  durationS: number,
  fp: { hashes: HashBatch; envelope: Float32Array },
  fpVersion: number,
  cover?: Uint8Array,
): Promise<string> {
  const body: IngestRequest = {
    ...meta,
    duration_s: durationS,
    content_sha1: await contentSha1(decodeWav(audioFile)),
    fp_version: fpVersion,
    hashes: { hash: Array.from(fp.hashes.hash), t: Array.from(fp.hashes.t) },
    envelope: { version: ENVELOPE_VERSION, data: Buffer.from(storeEnvelope(fp.envelope)).toString('base64url') },
  };
  let res: Response;
  try {
    res = await fetch(new URL('/api/v1/tracks', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new Error(`no answer from ${baseUrl} (${err instanceof Error ? err.message : err}): is the server running?`);
  }
  const json = await answerOf<IngestResponse>(res);
  const withCover = async (line: string, track: number) => (cover ? `${line}; ${await uploadCover(baseUrl, token, track, cover)}` : line);
  switch (json.status) {
    case 'created':
      return withCover(`indexed as track ${json.track.id} (${body.hashes.hash.length} hashes)`, json.track.id);
    case 'exists':
      return withCover(`already in the catalog as track ${json.track.id}`, json.track.id);
    case 'duplicate':
      return `not indexed: same audio as track ${json.duplicate_of.track.id} (${json.duplicate_of.class})`;
  }
}
