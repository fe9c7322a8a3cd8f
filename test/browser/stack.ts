// The real stack for browser tests and the app benchmark: the app built, a `wrangler dev`
// on 127.0.0.1 with fresh local D1/KV state, and the demo catalog seeded into it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../../', import.meta.url).pathname;
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
const ADMIN_TOKEN = 'browser-tests-admin-token-0123456789';

export interface Stack {
  baseUrl: string;
  adminToken: string;
  /** A scratch directory removed by stop(). */
  work: string;
  stop(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function run(cmd: string, args: string[], extra: Record<string, string> = {}): void {
  execFileSync(cmd, args, { cwd: root, env: { ...env, ...extra }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitReady(url: string, server: { exitCode: number | null }, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`wrangler dev exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev not ready after 60 s:\n${log()}`);
}

/**
 * `acrcloud`: the origin of an ACRCloud stand-in to configure as the fallback identifier;
 * `tunescout`: the fingerprinting token and the origin allowed to call the TuneScout endpoints.
 */
export async function startStack(
  opts: { acrcloud?: { host: string; key: string; secret: string }; tunescout?: { token: string; allowedOrigin: string } } = {},
): Promise<Stack> {
  const work = mkdtempSync(join(tmpdir(), 'earshot-browser-'));
  const state = join(work, 'state');
  // vitest sets NODE_ENV=test, which would make vite build a development bundle
  run('npm', ['run', '--silent', 'build:web'], { NODE_ENV: 'production' });
  for (const binding of ['CATALOG', 'INDEX_0', 'INDEX_1']) {
    run('npx', ['wrangler', 'd1', 'migrations', 'apply', binding, '--local', '--persist-to', state]);
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const server = spawn(
    'npx',
    ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', state,
      '--var', `ADMIN_TOKEN:${ADMIN_TOKEN}`, '--show-interactive-dev-session=false',
      ...(opts.acrcloud
        ? ['--var', `ACRCLOUD_HOST:${opts.acrcloud.host}`, '--var', `ACRCLOUD_ACCESS_KEY:${opts.acrcloud.key}`, '--var', `ACRCLOUD_ACCESS_SECRET:${opts.acrcloud.secret}`]
        : []),
      ...(opts.tunescout ? ['--var', `TUNESCOUT_TOKEN:${opts.tunescout.token}`, '--var', `TUNESCOUT_ALLOWED_ORIGIN:${opts.tunescout.allowedOrigin}`] : [])],
    // its own process group: wrangler and its workerd children go down together
    { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitReady(`${baseUrl}/api/v1/health`, server, () => output);
    run('node', ['scripts/seed-demo.mjs', '--url', baseUrl], { ADMIN_TOKEN });
  } catch (err) {
    stop();
    throw err;
  }
  return { baseUrl, adminToken: ADMIN_TOKEN, work, stop };
}

/**
 * A deploy under a running `wrangler dev`: the app rebuilt into dist/, then waited for until
 * the server answers with the new build's page and widget. wrangler dev re-reads dist/ on a
 * change, but a rebuild's burst of changes can end while it is still re-reading, and it
 * then serves a half-built listing; touching the new files makes it read again.
 */
export async function redeploy(baseUrl: string, extraEnv: Record<string, string>): Promise<void> {
  run('npm', ['run', '--silent', 'build:web'], { NODE_ENV: 'production', ...extraEnv });
  const page = readFileSync(join(root, 'dist/index.html'), 'utf8');
  const widget = readFileSync(join(root, 'dist/widget.js'), 'utf8');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [p, w] = await Promise.all([fetch(baseUrl).then((r) => r.text()), fetch(`${baseUrl}/widget.js`).then((r) => r.text())]);
    if (p === page && w === widget) return;
    const now = new Date();
    for (const f of ['dist/index.html', 'dist/widget.js', 'dist/sw.js']) utimesSync(join(root, f), now, now);
    await new Promise((r) => setTimeout(r, 1500));
  }
  throw new Error('wrangler dev did not serve the new build within 30 s');
}
