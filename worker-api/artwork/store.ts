// Where a track's pictures live in R2: tracks/<id>/<version>/original (the upload as sent)
// and tracks/<id>/<version>/<size>.jpg (what GET serves). A new picture is a new version
// beside the old one, so readers never see a half-replaced set; the old version goes once
// the catalog names the new one.
import { ARTWORK_SIZES, type ArtworkSize } from '../../common/artwork';

const prefix = (track: number) => `tracks/${track}/`;
const versionPrefix = (track: number, version: string) => `${prefix(track)}${version}/`;

export const sizeKey = (track: number, version: string, size: ArtworkSize) => `${versionPrefix(track, version)}${size}.jpg`;
export const originalKey = (track: number, version: string) => `${versionPrefix(track, version)}original`;

/** Writes one version: the original and every size. */
export async function putVersion(bucket: R2Bucket, track: number, version: string, original: { bytes: Uint8Array; type: string }, sizes: Map<ArtworkSize, Uint8Array>): Promise<void> {
  await Promise.all([
    bucket.put(originalKey(track, version), original.bytes, { httpMetadata: { contentType: original.type } }),
    ...ARTWORK_SIZES.map((s) => bucket.put(sizeKey(track, version, s), sizes.get(s)!, { httpMetadata: { contentType: 'image/jpeg' } })),
  ]);
}

/** Deletes every object under `prefix`, page by page (R2 lists and deletes 1000 at most). */
async function deletePrefix(bucket: R2Bucket, at: string): Promise<void> {
  for (;;) {
    const page = await bucket.list({ prefix: at, limit: 1000 });
    if (page.objects.length === 0) return;
    await bucket.delete(page.objects.map((o) => o.key));
    if (!page.truncated) return;
  }
}

export const deleteVersion = (bucket: R2Bucket, track: number, version: string) => deletePrefix(bucket, versionPrefix(track, version));

/** Every version of a track's picture, including any an interrupted upload left behind. */
export const deleteTrackArtwork = (bucket: R2Bucket, track: number) => deletePrefix(bucket, prefix(track));
