// `npm run bench -- radio [--stations N] [--seconds S]`: what monitoring costs. Runs a real
// `wrangler dev` with the playlist's tracks in the catalog, N stations on the test stream
// server in each capture mode in turn, and reads workerd's CPU clock over S seconds of
// monitoring (minus the same time idle). Writes bench-results/radio.json.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CaptureSettings, StationStatus } from '../../common/api-types';
import { ingestPlaylist } from '../../test/radio/catalog';
import { startStreamServer } from '../../test/radio/stream-server';
import { startDev, workerdUsage } from '../../test/e2e/wrangler-dev';

const TOKEN = 'bench-radio-token-0123456789abcdef';
const ADMIN = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
const DAY_S = 86_400;

const { values } = parseArgs({ options: { stations: { type: 'string', default: '4' }, seconds: { type: 'string', default: '120' } } });
const n = Number(values.stations);
const seconds = Number(values.seconds);
if (!(n >= 1 && n <= 50 && seconds >= 30)) throw new Error('--stations 1..50, --seconds >= 30');

const modes: [string, Partial<CaptureSettings>][] = [
  ['windows (default: 20 s every 30 s)', { mode: 'windows' }],
  ['continuous (10 s windows, 5 s overlap)', { mode: 'continuous', window_s: 10, overlap_s: 5 }],
  ['continuous (20 s windows, 5 s overlap)', { mode: 'continuous', window_s: 20, overlap_s: 5 }],
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const streams = await startStreamServer();
const dev = await startDev({ ADMIN_TOKEN: TOKEN }, undefined, mkdtempSync(join(tmpdir(), 'earshot-bench-radio-')));
const results = [];
try {
  await ingestPlaylist(dev.url, TOKEN);
  let before = workerdUsage(dev).cpuMs;
  await sleep(seconds * 1000);
  const idleMs = workerdUsage(dev).cpuMs - before;
  console.log(`idle: ${idleMs} ms of workerd CPU in ${seconds} s`);
  for (const [name, capture] of modes) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${dev.url}/api/v1/stations`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ name: `Bench ${i}`, url: `${streams.url}/radio.${i % 2 ? 'ogg' : 'mp3'}`, capture }) });
      ids.push(((await res.json()) as StationStatus).id);
    }
    await sleep(5000); // the first connections
    before = workerdUsage(dev).cpuMs;
    const audioBefore = await audio(ids);
    await sleep(seconds * 1000);
    const cpuMs = workerdUsage(dev).cpuMs - before - idleMs;
    const heardS = (await audio(ids)) - audioBefore;
    const statuses = await Promise.all(ids.map(async (id) => (await (await fetch(`${dev.url}/api/v1/stations/${id}`)).json()) as StationStatus));
    for (const id of ids) await fetch(`${dev.url}/api/v1/stations/${id}`, { method: 'DELETE', headers: ADMIN });
    const perStationDayS = (cpuMs / 1000 / n) * (DAY_S / seconds);
    const c = statuses[0].capture;
    const windowsPerDay = c.mode === 'windows' ? DAY_S / c.every_s : DAY_S / (c.window_s - c.overlap_s);
    const connectionsPerDay = c.mode === 'windows' ? DAY_S / c.every_s : DAY_S / 300;
    const row = {
      mode: name,
      stations: n,
      seconds,
      cpu_ms: cpuMs,
      audio_s_heard: Math.round(heardS),
      cpu_ms_per_audio_s: Math.round((cpuMs / heardS) * 10) / 10,
      cpu_s_per_station_day: Math.round(perStationDayS),
      windows_per_station_day: Math.round(windowsPerDay),
      stream_connections_per_station_day: Math.round(connectionsPerDay),
      audio_hours_per_station_day: Math.round((c.mode === 'windows' ? (24 * c.window_s) / c.every_s : 24) * 10) / 10,
      detection_latency_ms_mean: Math.round(statuses.reduce((s, x) => s + (x.health.detection_latency_ms.mean ?? 0), 0) / n),
      plays_seen: statuses.filter((x) => x.now_playing).length,
    };
    results.push(row);
    console.log(JSON.stringify(row));
  }
} finally {
  await dev.stop();
  await streams.close();
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/radio.json', JSON.stringify({ at: new Date().toISOString(), results }, null, 2));

async function audio(ids: string[]): Promise<number> {
  const all = await Promise.all(ids.map(async (id) => ((await (await fetch(`${dev.url}/api/v1/stations/${id}`)).json()) as StationStatus).health.seconds_received));
  return all.reduce((a, b) => a + b, 0);
}
