// A partner's page for the widget: the one-line integration, and the element's events as
// they fire. Served from its own origin by `npm start` (PORT + 1) and by the browser tests.
import { createServer } from 'node:http';

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page for `key` on the API at `apiOrigin`; `attrs` are more attributes of the element. */
export function partnerPage(apiOrigin, key, attrs = {}) {
  const extra = Object.entries(attrs).map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
  const snippet = `<script type="module" src="${apiOrigin}/widget.js"></script>\n<earshot-recognizer api-key="${key}"${extra}></earshot-recognizer>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Radio Example — with Earshot</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f6;padding:.8rem;overflow:auto}#events li{font-family:monospace;overflow-wrap:anywhere}</style>
</head>
<body>
<h1>Radio Example</h1>
<p>A partner page on its own origin. The whole integration is this snippet:</p>
<pre>${escape(snippet)}</pre>
${snippet}
<h2>Events</h2>
<ol id="events"></ol>
<script>
  window.earshotEvents = [];
  for (const type of ['earshot:match', 'earshot:nomatch', 'earshot:error']) {
    document.addEventListener(type, (e) => {
      window.earshotEvents.push({ type, detail: e.detail });
      const li = document.createElement('li');
      li.textContent = type + ' ' + JSON.stringify(e.detail);
      document.getElementById('events').append(li);
    });
  }
</script>
</body>
</html>`;
}

/** Serves `render(url)` as the page at every path, on 127.0.0.1:`port` (0: any free port). */
export function servePartner(port, render) {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(render(new URL(req.url ?? '/', 'http://x')));
    });
    server.listen(port, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }));
  });
}
