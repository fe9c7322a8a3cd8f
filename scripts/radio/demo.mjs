// `npm start`'s radio demo: the test stream server (test/radio/stream-server.ts) plays its
// playlist live on 127.0.0.1:PORT+2, its songs join the demo catalog, and one station
// monitors it, so the dashboard at /stations has something on air.
import { register } from 'tsx/esm/api';

const NAME = 'Earshot FM (demo)';

export async function startRadioDemo({ apiUrl, token, port }) {
  register();
  const { startStreamServer } = await import('../../test/radio/stream-server.ts');
  const { ingestPlaylist } = await import('../../test/radio/catalog.ts');
  const streams = await startStreamServer({ port });
  await ingestPlaylist(apiUrl, token);
  const url = `${streams.url}/radio.mp3`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const { stations } = await (await fetch(`${apiUrl}/api/v1/stations`)).json();
  const mine = stations.find((s) => s.url === url);
  if (!mine) {
    const res = await fetch(`${apiUrl}/api/v1/stations`, { method: 'POST', headers, body: JSON.stringify({ name: NAME, url, capture: { mode: 'continuous', window_s: 10, overlap_s: 5 } }) });
    if (!res.ok) throw new Error(`POST /stations: ${(await res.json()).error?.message ?? res.status}`);
  } else if (mine.paused) {
    await fetch(`${apiUrl}/api/v1/stations/${mine.id}/resume`, { method: 'POST', headers });
  }
  return { url: streams.url };
}
