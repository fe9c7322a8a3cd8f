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

/** The media types an upload may have (PUT /api/v1/tracks/:id/artwork). */
export const ARTWORK_UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ArtworkUploadType = (typeof ARTWORK_UPLOAD_TYPES)[number];

/** PUT /api/v1/tracks/:id/artwork's answer: 201 a new picture, 200 the same bytes again. */
export interface ArtworkUpload {
  status: 'created' | 'unchanged';
  track: number;
  /** The picture's version (TrackRecord.artwork). */
  artwork: string;
  type: ArtworkUploadType;
  width: number;
  height: number;
}

/** FNV-1a over UTF-16 units: a stable number from a title, the same in every runtime. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A hue from the title, darkened enough for white letters (contrast >= 4.5:1 at every hue). */
export function placeholderColour(title: string): string {
  const hue = fnv1a(title.normalize('NFC')) % 360;
  // HSL(hue, 45 %, 32 %) as hex
  const s = 0.45;
  const l = 0.32;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** The first letter or digit of the title's first two words, upper case; a note when it has none. */
export function initials(title: string): string {
  const words = title.normalize('NFC').match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’]*/gu) ?? [];
  const letters = words.slice(0, 2).map((w) => [...w][0].toLocaleUpperCase());
  return letters.length > 0 ? letters.join('') : '♪';
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

/**
 * The picture of a track without one: its initials on a colour from its title, a square
 * SVG of `size` px. Same title, same bytes (the Worker's ETag relies on it).
 */
export function placeholderSvg(title: string, size: number): string {
  const label = escapeXml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100" role="img" aria-label="${label}">` +
    `<title>${label}</title>` +
    `<rect width="100" height="100" fill="${placeholderColour(title)}"/>` +
    `<text x="50" y="50" dy="0.35em" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="38" font-weight="600" fill="#ffffff">${escapeXml(initials(title))}</text>` +
    `</svg>`
  );
}
