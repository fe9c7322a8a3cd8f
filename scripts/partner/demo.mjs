// `npm start`'s partner demo: a page on a second local origin (PORT + 1) embedding the
// widget with a key made for that origin. A key is shown only once, so each start rotates
// the demo's key (or issues it the first time).
import { partnerPage, servePartner } from './page.mjs';

const NAME = 'Partner demo (npm start)';

async function call(apiUrl, token, method, path, body) {
  const res = await fetch(`${apiUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${json.error?.message ?? res.status}`);
  return json;
}

export async function startPartnerDemo({ apiUrl, token, port }) {
  const origin = `http://127.0.0.1:${port}`;
  const { keys } = await call(apiUrl, token, 'GET', '/keys');
  const mine = keys.find((k) => k.name === NAME && !k.revoked_at && k.origins.includes(origin));
  const issued = mine ? await call(apiUrl, token, 'POST', `/keys/${mine.id}/rotate`) : await call(apiUrl, token, 'POST', '/keys', { name: NAME, origins: [origin] });
  const served = await servePartner(port, () => partnerPage(apiUrl, issued.key));
  return { url: served.url, keyId: issued.id };
}
