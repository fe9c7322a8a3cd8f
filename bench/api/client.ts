// The benches' HTTP client for a local wrangler dev: node:http over kept-alive connections,
// as a phone's browser keeps its connection. Node's fetch (undici) adds 2-3 ms at the median
// and ~6 ms at p95 to every request on this machine (interleaved with this client on the same
// identify bodies), which is the client's cost, not the API's.
import { Agent, request } from 'node:http';

/** One connection, kept alive: a client of its own. */
export const client = () => new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Each request comes from an address of its own, so the per-address rate limits
 * (wrangler.toml) stay out of the timings. Locally workerd takes the client's
 * CF-Connecting-IP as it comes; Cloudflare's edge overwrites it with the real address, so
 * only a local bench can do this.
 */
let addresses = 0;
const nextAddress = () => {
  const n = ++addresses;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: <T>() => T;
}

export interface Send {
  via: Agent;
  body?: Uint8Array | string;
  type?: string;
  encoding?: string;
  token?: string;
}

/** `method` on `${base}/api/v1${path}`. */
export function send(base: string, method: 'GET' | 'POST', path: string, { via, body, type, encoding, token }: Send): Promise<Reply> {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  const headers: Record<string, string | number> = { 'cf-connecting-ip': nextAddress() };
  if (token) headers.authorization = `Bearer ${token}`;
  if (data) headers['content-type'] = type!;
  if (data) headers['content-length'] = data.length;
  if (encoding) headers['content-encoding'] = encoding;
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/v1${path}`, { method, agent: via, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}
