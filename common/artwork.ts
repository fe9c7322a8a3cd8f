// Cover art as the app, the widget, the share page and the Worker address it: one URL per
// track and size. The Worker answers every track, with a generated placeholder when the
// track has no picture, so a client never needs to know whether one exists.

/** Square edge lengths, CSS pixels × 2 for dense screens: the history row, the result card, the share preview. */
export const ARTWORK_SIZES = [96, 300, 600] as const;
export type ArtworkSize = (typeof ARTWORK_SIZES)[number];

/** Path under the API's origin (prefix it with the host's API base). */
export function artworkPath(trackId: number, size: ArtworkSize): string {
  return `/api/v1/tracks/${trackId}/artwork?size=${size}`;
}
