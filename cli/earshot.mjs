#!/usr/bin/env node
// The `earshot` command. TypeScript sources run through tsx, so no build step stands
// between an edit and a run; the engine's WebAssembly is built on first use (a fresh
// clone has none: `npm ci` does not build it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

const engine = new URL('../dsp/build/dsp.wasm', import.meta.url);
if (!existsSync(engine)) {
  console.error('earshot: building the engine first (npm run build:dsp)...');
  const built = spawnSync(process.execPath, [new URL('../dsp/build.mjs', import.meta.url).pathname], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    console.error('earshot: the engine could not be built; run `npm ci && npm run build:dsp` and try again');
    process.exit(1);
  }
}
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
