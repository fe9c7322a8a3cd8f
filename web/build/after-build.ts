// What the build writes after the app's bundle, in order: the partner widget, then the
// service worker (its shell lists the finished files), then dist/.gitkeep (emptyOutDir
// removes the tracked one; wrangler needs the directory to exist in a fresh clone). One
// plugin, steps in sequence: Vite runs plugins' closeBundle hooks in parallel, and
// `wrangler dev` re-reads dist/ on its last change, which must come after every file.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { buildServiceWorker } from './service-worker.ts';
import { buildWidget } from './widget.ts';

export function afterBuild(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'earshot-after-build',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      await buildWidget(outDir, config);
      await buildServiceWorker(outDir, config);
      writeFileSync(join(outDir, '.gitkeep'), '');
    },
  };
}
