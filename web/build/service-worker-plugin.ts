// Writes dist/sw.js after the build: the service-worker source with the list of files that
// make up the app shell (every built file, the engine's .wasm included) and a version
// derived from their contents, so a new build installs a new cache and drops the old one.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** Served by the same origin but not part of the shell: demo audio is large and optional. */
const EXCLUDED = [/^sw\.js$/, /^demo\//, /^\.gitkeep$/, /\.map$/];

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

export function serviceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'earshot-service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const hash = createHash('sha256');
      const urls: string[] = [];
      for (const path of listFiles(outDir).sort()) {
        const rel = relative(outDir, path).split(sep).join('/');
        if (EXCLUDED.some((re) => re.test(rel))) continue;
        hash.update(rel).update(readFileSync(path));
        urls.push(rel === 'index.html' ? '/' : `/${rel}`);
      }
      const source = readFileSync(join(config.root, 'src/sw.js'), 'utf8')
        .replace('self.__SHELL__', JSON.stringify(urls))
        .replace('self.__VERSION__', JSON.stringify(hash.digest('hex').slice(0, 12)));
      writeFileSync(join(outDir, 'sw.js'), source);
    },
  };
}
