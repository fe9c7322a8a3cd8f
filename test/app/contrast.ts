// WCAG 2.x contrast, from the definition: relative luminance of sRGB colours and the ratio
// (L1 + 0.05) / (L2 + 0.05), lighter over darker.

function channel(v: number): number {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** "#rrggbb" */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = m.slice(1).map((h) => channel(parseInt(h, 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The custom properties of app.css, light (:root) and dark (the prefers-color-scheme block). */
export function themes(css: string): { light: Record<string, string>; dark: Record<string, string> } {
  const vars = (block: string) => Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1], m[2].toLowerCase()]));
  const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');
  if (darkAt < 0) throw new Error('app.css has no dark theme block');
  const light = vars(css.slice(0, darkAt));
  return { light, dark: { ...light, ...vars(css.slice(darkAt, css.indexOf('}', css.indexOf('{', css.indexOf(':root', darkAt))) + 1)) } };
}
