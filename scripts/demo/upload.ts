// POST /api/v1/tracks for one demo song: index-side hashes plus metadata, admin token.
import { createHash } from 'node:crypto';
import type { ApiError, IngestRequest, IngestResponse } from '../../common/api-types';
import type { HashBatch } from '../../dsp/src/index';

export interface DemoMeta {
  title: string;
  artist: string;
  album: string;
  isrc: string;
  external_id: string;
}

/** Returns a one-line outcome; throws with the API's message when it refuses. */
export async function uploadTrack(
  baseUrl: string,
  token: string,
  meta: DemoMeta,
  audioFile: Uint8Array,
  durationS: number,
  hashes: HashBatch,
  fpVersion: number,
): Promise<string> {
  const body: IngestRequest = {
    ...meta,
    duration_s: durationS,
    content_sha1: createHash('sha1').update(audioFile).digest('hex'),
    fp_version: fpVersion,
    hashes: { hash: Array.from(hashes.hash), t: Array.from(hashes.t) },
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
  const json = (await res.json().catch(() => null)) as IngestResponse | ApiError | null;
  if (!res.ok || !json || 'error' in json) {
    const e = json && 'error' in json ? json.error : { code: `http_${res.status}`, message: res.statusText };
    throw new Error(`${e.message} (${e.code})`);
  }
  switch (json.status) {
    case 'created':
      return `indexed as track ${json.track.id} (${body.hashes.hash.length} hashes)`;
    case 'exists':
      return `already in the catalog as track ${json.track.id}`;
    case 'duplicate':
      return `not indexed: same audio as track ${json.duplicate_of.track.id} (${json.duplicate_of.class})`;
  }
}
