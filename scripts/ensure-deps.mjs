// Runs before `npm start` and `npm test` so that a fresh clone needs nothing but those
// two commands: installs the npm packages when node_modules is missing or older than the
// lock file, and (for tests, as root on Debian) Chromium for the browser tests.
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

if (forTests && !existsSync('/usr/bin/chromium')) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  } else {
    console.error('ensure-deps: the browser tests need Debian\'s chromium at /usr/bin/chromium: sudo apt-get install chromium');
    process.exit(1);
  }
}
