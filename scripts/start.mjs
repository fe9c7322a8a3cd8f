// `npm start`: the app built, local D1 migrated, admin and TuneScout tokens in .dev.vars, `wrangler dev` on
// 127.0.0.1:$PORT (8787), the demo catalog seeded when scripts/seed-demo.mjs exists, and a
// partner's page with the widget on 127.0.0.1:$PORT+1, and a demo radio station streaming on
// 127.0.0.1:$PORT+2 that the monitor (dashboard: /stations) listens to.
// Run through npm so `wrangler` finds the Node 22 of node_modules/.bin.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { d1Bindings } from './wrangler-config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8787);
const url = `http://127.0.0.1:${port}`;
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

/** Secrets live in .dev.vars (gitignored); an existing one is kept. */
function devSecret(name) {
  const file = `${root}.dev.vars`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const found = new RegExp(`^${name}\\s*=\\s*"?([^"\\n]+)"?`, 'm').exec(text);
  if (found) return found[1].trim();
  const token = randomBytes(24).toString('base64url');
  appendFileSync(file, `${text && !text.endsWith('\n') ? '\n' : ''}${name}="${token}"\n`);
  console.log(`wrote a new ${name} to .dev.vars`);
  return token;
}

function migrate() {
  const bindings = d1Bindings(root);
  for (const b of bindings) {
    const r = spawnSync('wrangler', ['d1', 'migrations', 'apply', b, '--local'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) {
      process.stderr.write(r.stdout + r.stderr);
      throw new Error(`migrating ${b} failed`);
    }
  }
  console.log(`local D1 migrated: ${bindings.join(', ')}`);
}

async function waitReady(child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('wrangler dev did not answer within 60 s');
}

/** The app in dist/ (served by the same wrangler dev), when the project knows how to build it. */
function buildApp() {
  const scripts = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts ?? {};
  if (!scripts['build:web']) return mkdirSync(`${root}dist`, { recursive: true });
  const r = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the app (npm run build:web) failed');
}

buildApp();
const token = devSecret('ADMIN_TOKEN');
devSecret('TUNESCOUT_TOKEN');
migrate();
const dev = spawn('wrangler', ['dev', '--ip', '127.0.0.1', '--port', String(port)], { cwd: root, env, stdio: 'inherit', detached: true });
const stop = () => {
  try {
    process.kill(-dev.pid, 'SIGTERM');
  } catch {}
};
process.on('SIGINT', () => (stop(), process.exit(130)));
process.on('SIGTERM', () => (stop(), process.exit(143)));
dev.on('exit', (code) => process.exit(code ?? 1));

try {
  await waitReady(dev);
} catch (err) {
  console.error(String(err));
  stop();
  process.exit(1);
}
if (existsSync(`${root}scripts/seed-demo.mjs`)) {
  const seed = spawnSync(process.execPath, [`${root}scripts/seed-demo.mjs`, '--url', url], {
    cwd: root,
    env: { ...env, EARSHOT_URL: url, ADMIN_TOKEN: token },
    stdio: 'inherit',
  });
  if (seed.status !== 0) console.error(`scripts/seed-demo.mjs failed (exit ${seed.status}); the server keeps running`);
}
let partner = '';
try {
  const { startPartnerDemo } = await import('./partner/demo.mjs');
  partner = (await startPartnerDemo({ apiUrl: url, token, port: port + 1 })).url;
} catch (err) {
  console.error(`partner demo page not started: ${err instanceof Error ? err.message : err}`);
}
let radio = '';
try {
  const { startRadioDemo } = await import('./radio/demo.mjs');
  radio = (await startRadioDemo({ apiUrl: url, token, port: port + 2 })).url;
} catch (err) {
  console.error(`radio demo not started: ${err instanceof Error ? err.message : err}`);
}
console.log(`\nEarshot is running at ${url}  (API: ${url}/api/v1, Ctrl-C stops it)`);
if (partner) console.log(`A partner's page with the widget: ${partner}`);
if (radio) console.log(`A demo radio station streams at ${radio}/radio.mp3; its plays: ${url}/stations`);
