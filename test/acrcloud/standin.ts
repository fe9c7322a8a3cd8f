// A local stand-in for ACRCloud's identify endpoint, speaking its documented protocol: a
// multipart POST /v1/identify whose fields and HMAC-SHA1 signature it checks (3014 on a
// wrong one), answering in ACRCloud's JSON shape. Tests script what comes next
// (POST /__script with a list of steps) and read how many calls it took (GET /__calls).
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { AcrMusic } from '../../worker-api/acrcloud/protocol';

export const STANDIN_KEY = 'standin-access-key';
export const STANDIN_SECRET = 'standin-access-secret';

/** A recording in ACRCloud's documented shape (the type the Worker parses). */
export type Music = AcrMusic;

/** What the next call gets. */
export type Step = { kind: 'match'; music: Music } | { kind: 'code'; code: number } | { kind: 'slow'; ms: number } | { kind: 'malformed' } | { kind: 'http'; status: number };

export const DEFAULT_MUSIC: Music = {
  title: 'Standin Song',
  artists: [{ name: 'The Standins' }],
  album: { name: 'Local Protocol' },
  acrid: 'acr0000000000000000000000000001',
  score: 100,
  play_offset_ms: 42_000,
  duration_ms: 215_000,
  label: 'Loopback Records',
  release_date: '2024-05-01',
  external_ids: { isrc: 'GBZZZ2400001', upc: '000000000001' },
};

const MESSAGES: Record<number, string> = { 1001: 'No result', 3000: 'Internal error', 3001: 'Missing/Invalid Access Key', 3003: 'Limit exceeded', 3006: 'Invalid arguments', 3014: 'Invalid signature', 3015: 'QpS limit exceeded' };
const statusOf = (code: number) => ({ msg: code === 0 ? 'Success' : (MESSAGES[code] ?? 'Error'), code, version: '1.0' });

function expectedSignature(accessKey: string, timestamp: string): string {
  return createHmac('sha1', STANDIN_SECRET).update(['POST', '/v1/identify', accessKey, 'audio', '1', timestamp].join('\n')).digest('base64');
}

async function formOf(req: IncomingMessage): Promise<FormData | null> {
  try {
    const body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    return await new Request('http://standin/v1/identify', { method: 'POST', headers: req.headers as Record<string, string>, body, duplex: 'half' } as RequestInit).formData();
  } catch {
    return null;
  }
}

/** The lane of an access key: '' for the key itself, null for a key that is not ours. */
function laneOf(accessKey: string): string | null {
  if (accessKey === STANDIN_KEY) return '';
  return accessKey.startsWith(`${STANDIN_KEY}.`) ? accessKey.slice(STANDIN_KEY.length + 1) : null;
}

/** Why the request breaks the protocol (an ACRCloud code), or null. */
async function check(form: FormData | null): Promise<number | null> {
  if (!form) return 3006;
  const sample = form.get('sample');
  const fields = ['access_key', 'sample_bytes', 'timestamp', 'signature', 'data_type', 'signature_version'].map((f) => form.get(f));
  if (!(sample instanceof Blob) || fields.some((f) => typeof f !== 'string')) return 3006;
  const [accessKey, sampleBytes, timestamp, sig, dataType, version] = fields as string[];
  if (dataType !== 'audio' || version !== '1' || Number(sampleBytes) !== sample.size) return 3006;
  if (laneOf(accessKey) === null) return 3001;
  if (sig !== expectedSignature(accessKey, timestamp)) return 3014;
  return null;
}

export async function startStandin(port = 0): Promise<{ url: string; server: Server }> {
  const lanes = new Map<string, { script: Step[]; calls: number }>();
  const lane = (name: string) => lanes.get(name) ?? lanes.set(name, { script: [], calls: 0 }).get(name)!;
  const server = createServer(async (req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://standin');
    const asked = lane(url.searchParams.get('lane') ?? '');
    if (req.method === 'POST' && url.pathname === '/__script') {
      let text = '';
      for await (const chunk of req) text += chunk;
      asked.script = JSON.parse(text) as Step[];
      asked.calls = 0;
      return json(200, { ok: true });
    }
    if (req.method === 'GET' && url.pathname === '/__calls') return json(200, { calls: asked.calls });
    if (req.method !== 'POST' || req.url !== '/v1/identify') return json(404, { error: 'not found' });
    const form = await formOf(req);
    const key = form?.get('access_key');
    const caller = lane((typeof key === 'string' && laneOf(key)) || '');
    caller.calls++;
    const problem = await check(form);
    if (problem !== null) return json(200, { status: statusOf(problem) });
    const step = caller.script.shift() ?? { kind: 'match', music: DEFAULT_MUSIC };
    switch (step.kind) {
      case 'match':
        return json(200, { status: statusOf(0), metadata: { music: [step.music], timestamp_utc: new Date().toISOString() }, cost_time: 0.5, result_type: 0 });
      case 'code':
        return json(200, { status: statusOf(step.code) });
      case 'slow':
        await new Promise((r) => setTimeout(r, step.ms));
        return json(200, { status: statusOf(1001) });
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"status": {"code": 0, "msg": "Succ');
      case 'http':
        return json(step.status, { error: 'upstream trouble' });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}
