// The frame of every share page: one inline style sheet (the app's palette, light and dark,
// phone first), no script, and the Content-Security-Policy that allows exactly that sheet.
import { type Html, html, trusted } from './html';

// The colours are the app's (web/src/app.css), so a shared page looks like Earshot; each
// text colour keeps at least 4.5:1 on its background in both themes (docs/sharing.md).
const STYLE = `
:root{color-scheme:light dark;--bg:#f6f4ef;--fg:#1b1c20;--muted:#5b5e66;--card:#fff;--line:#d9d5cb;--accent:#c2410c;--accent-fg:#fff;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.45;background:var(--bg);color:var(--fg)}
@media (prefers-color-scheme:dark){:root{--bg:#15161a;--fg:#ecebe7;--muted:#a3a6ae;--card:#202228;--line:#34363d;--accent:#fb923c;--accent-fg:#1b1c20}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:32rem;padding:1rem 1.1rem 2rem}
a{color:inherit}
a:focus-visible{outline:3px solid var(--accent);outline-offset:3px}
.brand{font-weight:700;text-decoration:none}
h1{font-size:1.6rem;line-height:1.2;margin:1rem 0 .2rem;overflow-wrap:anywhere}
h2{font-size:1.05rem;margin:1.5rem 0 .6rem}
p{margin:.4rem 0}
.art{display:block;width:100%;max-width:20rem;height:auto;aspect-ratio:1;margin:1rem auto 0;border-radius:14px;background:var(--line)}
.artist{font-size:1.15rem;margin:0;overflow-wrap:anywhere}
.muted,dt{color:var(--muted)}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem;margin:1rem 0}
dd{margin:0;overflow-wrap:anywhere}
.listen{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:1fr 1fr;gap:.5rem}
.listen a,.cta a{display:flex;align-items:center;justify-content:center;min-height:44px;padding:.5rem 1rem;border-radius:999px;text-decoration:none}
.listen a{border:1px solid var(--line);background:var(--card)}
.cta{margin-top:2rem}
.cta a{background:var(--accent);color:var(--accent-fg);font-weight:650}
`;

// computed on the first request: a Worker may not start work at its global scope
let styleHash: Promise<string> | undefined;

/**
 * Nothing runs and nothing loads from elsewhere: images (artwork, the icon) from this
 * origin, the one style sheet by its hash, no forms, no framing.
 */
export async function contentSecurityPolicy(): Promise<string> {
  styleHash ??= crypto.subtle.digest('SHA-256', new TextEncoder().encode(STYLE)).then((d) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(d)))}'`);
  return `default-src 'none'; img-src 'self'; style-src ${await styleHash}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

export interface Page {
  title: string;
  description: string;
  /** Link-preview tags (Open Graph, Twitter), for a page worth a preview. */
  preview?: Html;
  body: Html;
}

export function layout(p: Page): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#f6f4ef" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#15161a" media="(prefers-color-scheme: dark)">
<title>${p.title}</title>
<meta name="description" content="${p.description}">
${p.preview}
<link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<style>${trusted(STYLE)}</style>
</head>
<body>
<header><a class="brand" href="/">Earshot</a></header>
<main>
${p.body}
<p class="cta"><a href="/">Identify a song with Earshot</a></p>
</main>
</body>
</html>
`.text;
}
