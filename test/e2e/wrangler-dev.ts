// A real `wrangler dev` on 127.0.0.1 with its own local D1/KV state (migrated), for end-to-end
// tests and benchmarks. stop() kills the whole process group (wrangler and its workerd
// children) and removes the state.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { d1Bindings } from '../../scripts/wrangler-config.mjs';

const root = new URL('../../', import.meta.url).pathname;
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

export interface DevServer {
  url: string;
  /** wrangler's pid, which is also the process group of its workerd children. */
  pid: number;
  state: string;
  log: () => string;
  /** Resolves once every process of the group has exited (the state files are free). */
  stop: () => Promise<void>;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
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

/**
 * `assets`: serve this folder instead of dist/. A test that needs no app page gives it a
 * folder of its own, so a rebuild of dist/ by another test cannot reload its Worker (and
 * reset its Durable Objects) mid-test.
 */
export async function startDev(vars: Record<string, string>, persistTo?: string, assets?: string): Promise<DevServer> {
  const state = persistTo ?? mkdtempSync(join(tmpdir(), 'earshot-dev-'));
  for (const b of d1Bindings(root)) {
    execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', b, '--local', '--persist-to', state], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const port = await freePort();
  const args = ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', state, '--show-interactive-dev-session=false'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  if (assets) args.push('--assets', assets);
  const child = spawn('npx', args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const server: DevServer = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    state,
    log: () => output,
    stop: async () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      for (let i = 0; i < 100 && groupAlive(child.pid!); i++) await new Promise((r) => setTimeout(r, 100));
      if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
      if (!persistTo) rmSync(state, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await server.stop();
      throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    }
    try {
      if ((await fetch(`${server.url}/api/v1/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`wrangler dev not ready after 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const TICK_MS = 10; // CLK_TCK = 100 on Linux

/**
 * CPU ms and resident MB of the workerd processes of a wrangler dev group (it runs two: a
 * proxy that listens on the dev port and forwards to the Worker's own workerd); a process
 * that exits while being read is skipped. workerd serves nothing else, so the CPU it spends
 * across a request (or a minute of monitoring) is what that work costs. `proxyCpuMs` is the
 * proxy's share: wrangler's dev proxy, which a deployed Worker does not have (null when no
 * process listens on the dev port: another wrangler may start its proxy otherwise).
 */
export function workerdUsage(dev: DevServer): { cpuMs: number; proxyCpuMs: number | null; rssMb: number } {
  const entry = `entry=${new URL(dev.url).host}`;
  let cpuMs = 0;
  let proxyCpuMs: number | null = null;
  let rssMb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!stat.includes('(workerd)') || Number(f[2]) !== dev.pid) continue;
      const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
      cpuMs += ms;
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((a) => a.endsWith(entry))) proxyCpuMs = (proxyCpuMs ?? 0) + ms;
      rssMb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      // exited meanwhile
    }
  }
  return { cpuMs, proxyCpuMs, rssMb };
}
