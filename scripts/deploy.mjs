#!/usr/bin/env node
// npm run deploy [-- --dry-run]: to a real Cloudflare account (README, "Deploying"). Applies
// every D1 database's migrations remotely first (a Worker that reads a table the database
// does not have yet would answer 500s), then builds the app and deploys the Worker.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { d1Bindings, placeholderIds } from './wrangler-config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dryRun = process.argv.includes('--dry-run');

const made = placeholderIds(root);
if (made.length > 0) {
  console.error(`wrangler.toml still has the repository's made-up ids for ${made.join(', ')}.`);
  console.error('Create them in your account (wrangler d1 create earshot-catalog, earshot-index-0, …;');
  console.error('wrangler kv namespace create RESULTS) and put their ids in wrangler.toml.');
  process.exit(2);
}

const steps = [
  ...d1Bindings(root).map((b) => ['npx', 'wrangler', 'd1', 'migrations', 'apply', b, '--remote']),
  ['npm', 'run', 'build'],
  ['npx', 'wrangler', 'deploy'],
];
for (const step of steps) {
  console.log(`$ ${step.join(' ')}`);
  if (dryRun) continue;
  const r = spawnSync(step[0], step.slice(1), { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`deploy stopped: ${step.join(' ')} exited with ${r.status ?? r.signal}`);
    process.exit(1);
  }
}
