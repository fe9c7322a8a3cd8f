// A file's embedded front cover to PUT /tracks/:id/artwork, after its track is created, or
// when an earlier run (or an older earshot) left the track without one. A picture the API
// refuses is reported and skipped: the track stays indexed either way.
import type { TrackRecord } from '../../common/api-types';
import { ARTWORK_UPLOAD_TYPES, type ArtworkUpload } from '../../common/artwork';
import { ARTWORK_MAX_BYTES } from '../../common/limits';
import { type ApiClient, errorText } from '../api/client';
import type { Picture } from '../tags/index';

export type ArtworkResult = { outcome: 'set' | 'unchanged' | 'kept' } | { outcome: 'refused'; reason: string };

/** Tags say image/jpg (and IMAGE/JPEG) as often as image/jpeg. */
function mediaType(mime: string): string {
  const m = mime.trim().toLowerCase();
  return m === 'image/jpg' ? 'image/jpeg' : m;
}

/**
 * Uploads `cover` to `track`. `fresh`: the track was created just now, so it has no picture;
 * else its record says whether it has one, and one it has is kept.
 */
export async function uploadArtwork(client: ApiClient, track: number, cover: Picture, fresh: boolean): Promise<ArtworkResult> {
  if (!fresh) {
    const known = await client.request<TrackRecord>('GET', `/tracks/${track}`);
    if (known.status === 200 && known.body.artwork !== null) return { outcome: 'kept' };
  }
  const type = mediaType(cover.mime);
  if (!(ARTWORK_UPLOAD_TYPES as readonly string[]).includes(type)) return { outcome: 'refused', reason: `${cover.mime} is not a JPEG, PNG or WebP picture` };
  if (cover.data.length > ARTWORK_MAX_BYTES) return { outcome: 'refused', reason: `${cover.data.length} bytes, over the API's ${ARTWORK_MAX_BYTES}` };
  const answer = await client.request<ArtworkUpload>('PUT', `/tracks/${track}/artwork`, { binary: cover.data, type });
  if (answer.status === 200 || answer.status === 201) return { outcome: answer.body.status === 'created' ? 'set' : 'unchanged' };
  return { outcome: 'refused', reason: errorText(answer) };
}
