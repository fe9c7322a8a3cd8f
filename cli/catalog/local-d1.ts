// Hashes of catalog tracks read straight from the local D1 shards with
// `wrangler d1 execute --local`. A stopgap: the API has no endpoint that returns a
// track's hashes, so export works only against the local state `npm start` (or a
// `--persist-to` folder) keeps. Each call starts wrangler (seconds), so tracks are read
// a page at a time.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

/** INDEX_0 .. INDEX_{N-1} as wrangler.toml binds them. */
export function indexBindings(): string[] {
  const toml = readFileSync(`${root}wrangler.toml`, 'utf8');
  return [...toml.matchAll(/^binding\s*=\s*"(INDEX_\d+)"/gm)].map((m) => m[1]);
}

/** (hash, t) rows per track id, over every shard, sorted by t then hash. */
export async function localHashes(tracks: number[], persistTo: string | undefined): Promise<Map<number, { hash: Uint32Array; t: Int32Array }>> {
  const rows = new Map<number, [number, number][]>(tracks.map((id) => [id, []]));
  const sql = `SELECT track, hash, t FROM hashes WHERE track IN (${tracks.map((id) => Math.trunc(id)).join(',')})`;
  await Promise.all(
    indexBindings().map(async (binding) => {
      const args = ['wrangler', 'd1', 'execute', binding, '--local', '--json', '--command', sql, ...(persistTo ? ['--persist-to', persistTo] : [])];
      const { stdout } = await run('npx', args, { cwd: root, env, maxBuffer: 1 << 30 });
      const [result] = JSON.parse(stdout) as { results: { track: number; hash: number; t: number }[] }[];
      for (const r of result.results) rows.get(r.track)?.push([r.t, r.hash]);
    }),
  );
  const out = new Map<number, { hash: Uint32Array; t: Int32Array }>();
  for (const [id, list] of rows) {
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    out.set(id, { hash: Uint32Array.from(list, (r) => r[1]), t: Int32Array.from(list, (r) => r[0]) });
  }
  return out;
}
