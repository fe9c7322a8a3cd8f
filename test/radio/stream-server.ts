// A local Icecast for the radio-monitor tests: /radio.mp3 and /radio.ogg broadcast the
// committed programme (test/fixtures/radio/, made by scripts/fixtures/make-radio.ts) live,
// with burst-on-connect, real-time pacing and ICY metadata on request, and a few mounts
// that fail the ways real stations do. `pace` speeds the broadcast clock up, so a test can
// hear a whole song in a few seconds of wall time.
// By hand: `npx tsx test/radio/stream-server.ts [--port N] [--pace X]`.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';

export interface StreamServerOptions {
  /** Programme seconds per wall-clock second (default 1). */
  pace?: number;
  /** Seconds of past programme a new listener gets at once (default 2), as Icecast's burst-on-connect. */
  burstS?: number;
  /** Audio bytes between ICY metadata blocks (default 8192). */
  metaint?: number;
  /** Default 0: any free port. */
  port?: number;
}

export interface StreamServer {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  /** Cuts the current listeners (of one mount, or all) off, as a dropping stream does. */
  dropAll(mount?: string): void;
  listeners(mount?: string): number;
  /** The mount's broadcast starts again from the programme's beginning, for its listeners too. */
  restart(mount: string): void;
  /** Unix ms when the mount's programme started (its first listener, or the last restart). */
  clockStart(mount: string): number | null;
}

/** One entry of playlist.json; songs name their synthesiser seed, length and playback speed. */
export interface Segment {
  kind: 'talk' | 'track' | 'unknown';
  from_s: number;
  to_s: number;
  title?: string;
  artist?: string;
  seed?: number;
  seconds?: number;
  speed?: number;
}

export interface Playlist {
  rate: number;
  duration_s: number;
  segments: Segment[];
}

/** Bytes a listener can start decoding at (an MPEG frame, an Ogg page), with their programme time. */
interface Unit {
  bytes: Uint8Array;
  start: number;
  end: number;
}

interface Mount {
  type: string;
  kbps: number;
  units: Unit[];
  /** Leading units every listener needs before any audio: the Vorbis headers. */
  headers: number;
  /** The file's length in seconds: the broadcast loops after it. */
  duration: number;
  clockStart: number | null;
}

interface Listener {
  mount: string;
  res: ServerResponse;
  /** What the ticker sends next; null for mounts that send nothing more. */
  pump: (() => void) | null;
  /** Live mounts: go on from the programme's beginning. */
  restart?: () => void;
}

const dir = new URL('../fixtures/radio/', import.meta.url).pathname;
export const playlist = JSON.parse(readFileSync(dir + 'playlist.json', 'utf8')) as Playlist;

const KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const HZ = [44100, 48000, 32000];

function mp3Frames(b: Uint8Array): Unit[] {
  const units: Unit[] = [];
  for (let at = 0, t = 0; at < b.length; ) {
    // sync 0xFFE, MPEG-1 (11), Layer III (01), with or without CRC
    const kbps = KBPS[b[at + 2] >> 4];
    const hz = HZ[(b[at + 2] >> 2) & 3];
    if (b[at] !== 0xff || (b[at + 1] & 0xfe) !== 0xfa || !kbps || !hz) throw new Error(`playlist.mp3: no MPEG-1 Layer III frame at byte ${at}`);
    const length = Math.floor((144000 * kbps) / hz) + ((b[at + 2] >> 1) & 1);
    units.push({ bytes: b.subarray(at, at + length), start: t, end: (t += 1152 / hz) });
    at += length;
  }
  return units;
}

function oggPages(b: Uint8Array): { units: Unit[]; headers: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const rate = v.getUint32(27 + b[26] + 12, true); // the Vorbis identification header, in the first page
  const units: Unit[] = [];
  let packets = 0;
  let headers = 0;
  for (let at = 0, t = 0; at < b.length; ) {
    if (v.getUint32(at) !== 0x4f676753) throw new Error(`playlist.ogg: no Ogg page at byte ${at}`);
    const lacing = b.subarray(at + 27, at + 27 + b[at + 26]);
    const length = 27 + lacing.length + lacing.reduce((s, l) => s + l, 0);
    // the identification, comment and setup packets come first; audio pages come after them
    if (packets < 3) headers++;
    packets += lacing.filter((l) => l < 255).length;
    const granule = v.getBigInt64(at + 6, true); // -1: no packet ends on this page
    const start = t;
    if (granule >= 0n) t = Number(granule) / rate;
    units.push({ bytes: b.subarray(at, at + length), start, end: t });
    at += length;
  }
  return { units, headers };
}

function mount(type: string, units: Unit[], headers: number): Mount {
  const duration = units[units.length - 1].end;
  const kbps = Math.round((units.reduce((s, u) => s + u.bytes.length, 0) * 8) / duration / 1000);
  return { type, kbps, units, headers, duration, clockStart: null };
}

function loadMounts(): Record<string, Mount> {
  const ogg = oggPages(new Uint8Array(readFileSync(dir + 'playlist.ogg')));
  return {
    '/radio.mp3': mount('audio/mpeg', mp3Frames(new Uint8Array(readFileSync(dir + 'playlist.mp3'))), 0),
    '/radio.ogg': mount('application/ogg', ogg.units, ogg.headers),
  };
}

/** What the station's metadata says at programme time `t`. */
export function titleAt(t: number): string {
  const s = playlist.segments.find((s) => t < s.to_s) ?? playlist.segments[playlist.segments.length - 1];
  if (s.kind === 'talk') return 'Earshot FM - Talk';
  return s.artist ? `${s.artist} - ${s.title}` : s.title!;
}

/** How many units (over all laps) have been broadcast `t` seconds after the clock started. */
function unitsBy(m: Mount, t: number): number {
  const lap = Math.floor(t / m.duration);
  const within = t - lap * m.duration;
  let lo = 0;
  let hi = m.units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m.units[mid].end <= within) lo = mid + 1;
    else hi = mid;
  }
  return lap * m.units.length + lo;
}

/** Writes audio bytes, with an ICY metadata block after every `metaint` of them when asked for. */
function icyWriter(res: ServerResponse, metaint: number | null): (bytes: Uint8Array, title: string) => void {
  let left = metaint ?? 0;
  let last = '';
  return (bytes, title) => {
    if (metaint === null) return void res.write(bytes);
    for (let at = 0; at < bytes.length; ) {
      const n = Math.min(left, bytes.length - at);
      res.write(bytes.subarray(at, at + n));
      at += n;
      left -= n;
      if (left > 0) continue;
      // SHOUTcast sends an empty block (length 0) while the title stays the same
      const text = title === last ? '' : `StreamTitle='${title}';`;
      last = title;
      const block = Buffer.alloc(1 + Math.ceil(Buffer.byteLength(text) / 16) * 16);
      block[0] = (block.length - 1) / 16;
      block.write(text, 1);
      res.write(block);
      left = metaint;
    }
  };
}

const SLICE_MS = 100;

export async function startStreamServer(opts: StreamServerOptions = {}): Promise<StreamServer> {
  const pace = opts.pace ?? 1;
  const burstS = opts.burstS ?? 2;
  const metaint = opts.metaint ?? 8192;
  const mounts = loadMounts();
  const mp3 = mounts['/radio.mp3'];
  const listeners = new Set<Listener>();
  // a mount's clock starts with its first listener
  const elapsed = (m: Mount) => ((Date.now() - (m.clockStart ??= Date.now())) / 1000) * pace;

  function icyHeaders(type: string, kbps: number): Record<string, string> {
    return { 'Content-Type': type, 'icy-name': 'Earshot FM test', 'icy-genre': 'Various', 'icy-br': String(kbps), 'icy-pub': '0', 'Cache-Control': 'no-cache, no-store' };
  }

  function live(l: Listener, m: Mount, icy: boolean): void {
    l.res.writeHead(200, { ...icyHeaders(m.type, m.kbps), ...(icy ? { 'icy-metaint': String(metaint) } : {}) });
    const write = icyWriter(l.res, icy ? metaint : null);
    const n = m.units.length;
    const send = (i: number) => write(m.units[i % n].bytes, titleAt(m.units[i % n].start));
    let cursor = unitsBy(m, Math.max(0, elapsed(m) - burstS));
    if (m.headers > 0) {
      for (let i = 0; i < m.headers; i++) send(i);
      if (cursor % n < m.headers) cursor += m.headers - (cursor % n);
    }
    l.pump = () => {
      for (const target = unitsBy(m, elapsed(m)); cursor < target; cursor++) send(cursor);
    };
    // each lap, and a restart, begin with the Ogg header pages again: a chained stream, as from a source that reconnected
    l.restart = () => void (cursor = 0);
    l.pump();
  }

  /** The first `seconds` of the MP3 programme. */
  const mp3Head = (seconds: number) => Buffer.concat(mp3.units.filter((u) => u.end <= seconds).map((u) => u.bytes));

  function fault(l: Listener, path: string): void {
    const { res } = l;
    switch (path) {
      case '/garbage.mp3':
        res.writeHead(200, icyHeaders('audio/mpeg', 64));
        l.pump = () => res.write(randomBytes(Math.round((8192 * SLICE_MS) / 1000)));
        return;
      case '/stall.mp3':
        res.writeHead(200, icyHeaders('audio/mpeg', mp3.kbps));
        res.write(mp3Head(1));
        return;
      case '/hang.mp3':
        return;
      case '/aac': {
        // AAC-LC, 44.1 kHz, mono, 128-byte frames: headers a sniffer recognises, silence-sized bodies
        const frame = Buffer.alloc(128);
        frame.set([0xff, 0xf1, 0x50, 0x40, 0x10, 0x1f, 0xfc]);
        res.writeHead(200, icyHeaders('audio/aac', 64));
        res.end(Buffer.concat(Array(32).fill(frame)));
        return;
      }
      case '/error.mp3':
        res.writeHead(503, { 'Content-Type': 'text/plain' });
        res.end('503 Service Unavailable: no source on this mount\n');
        return;
      case '/ends.mp3':
        res.writeHead(200, icyHeaders('audio/mpeg', mp3.kbps));
        res.end(mp3Head(3));
        return;
      default:
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('404 no such mount\n');
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path.startsWith('/control/')) return control(path, url.searchParams.get('mount') ?? undefined, res);
    const l: Listener = { mount: path, res, pump: null };
    // a listener that went away is no error: forget it
    res.on('error', () => res.destroy());
    res.on('close', () => listeners.delete(l));
    listeners.add(l);
    const m = mounts[path];
    if (m) live(l, m, req.headers['icy-metadata'] === '1');
    else fault(l, path);
  });
  const ticker = setInterval(() => {
    for (const l of listeners) if (l.pump && !l.res.destroyed && !l.res.writableEnded) l.pump();
  }, SLICE_MS);
  ticker.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  const of = (mount?: string) => [...listeners].filter((l) => mount === undefined || l.mount === mount);
  const controls: StreamServer = {
    url: `http://127.0.0.1:${port}`,
    close() {
      clearInterval(ticker);
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    dropAll(mount) {
      for (const l of of(mount)) l.res.destroy();
    },
    listeners: (mount) => of(mount).length,
    restart(path) {
      const m = mounts[path];
      if (!m) throw new Error(`no live mount ${path}`);
      m.clockStart = Date.now();
      for (const l of of(path)) l.restart?.();
    },
    clockStart: (path) => mounts[path]?.clockStart ?? null,
  };

  /** The same controls over HTTP, for tests that run where this object is not (workerd). */
  function control(path: string, mount: string | undefined, res: ServerResponse): void {
    try {
      if (path === '/control/drop') controls.dropAll(mount);
      else if (path === '/control/restart') controls.restart(mount ?? '');
      else if (path !== '/control/clock') throw new Error(`no control ${path}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ clock_start_ms: mount ? controls.clockStart(mount) : null, listeners: controls.listeners(mount) }));
    } catch (err) {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    }
  }
  return controls;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const s = await startStreamServer({ port: arg('--port'), pace: arg('--pace') });
  for (const path of ['/radio.mp3', '/radio.ogg', '/garbage.mp3', '/stall.mp3', '/hang.mp3', '/aac', '/error.mp3', '/ends.mp3']) console.log(s.url + path);
}
