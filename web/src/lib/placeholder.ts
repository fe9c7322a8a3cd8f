// A cover for a song with no catalog artwork (named by ACRCloud, or the picture failed to
// load): its initials on a colour of its own, the same every time for the same title.

/** Up to two initials from the title's first words ("the glass harbor" -> "TG"). */
export function initials(title: string): string {
  const firsts = title.split(/\s+/).map((word) => word.match(/[\p{L}\p{N}]/u)?.[0] ?? '');
  return firsts.join('').slice(0, 2).toLocaleUpperCase() || '♪';
}

/** A hue (0-359) from the text: a stable colour per song. */
export function hueOf(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return h;
}
