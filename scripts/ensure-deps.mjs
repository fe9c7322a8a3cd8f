// Runs before `npm start` and `npm test` so that a fresh clone needs nothing but those
// two commands: installs the npm packages when node_modules is missing or older than the
// lock file, and (for tests, as root on Debian) Chromium for the browser tests, Python
// requests for the TuneScout client test and ffmpeg for the CLI's M4A/AAC tests.
// Plain Node >= 20, no dependencies: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const forTests = process.argv.includes('test');

function run(cmd, args) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`ensure-deps: '${cmd} ${args.join(' ')}' failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

const marker = `${root}node_modules/.package-lock.json`;
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(`${root}package-lock.json`).mtimeMs) {
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Debian packages the tests need: Chromium (browser tests), Python requests (TuneScout clients), ffmpeg (M4A/AAC). */
const missing = [];
if (forTests && !existsSync('/usr/bin/chromium')) missing.push('chromium');
if (forTests && spawnSync('python3', ['-c', 'import requests']).status !== 0) missing.push('python3-requests');
if (forTests && spawnSync('ffmpeg', ['-version']).status !== 0) missing.push('ffmpeg');
if (missing.length > 0) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  } else {
    console.error(`ensure-deps: the tests need Debian's ${missing.join(' and ')}: sudo apt-get install ${missing.join(' ')}`);
    process.exit(1);
  }
}
