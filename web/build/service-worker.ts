// Writes dist/sw.js, after the app's build: web/src/sw.ts bundled on its own (one classic
// script, as every browser's service worker takes), with the list of files that make up
// the app shell (every built file of both pages, the engine's .wasm included) and a version derived
// from their contents, so each build precaches into a cache of its own.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build, type ResolvedConfig } from 'vite';

/** Served by the same origin but not part of the shell: demo audio is large and optional; the widget is for other sites. */
const EXCLUDED = [/^sw\.js$/, /^demo\//, /^widget/, /^_headers$/, /^\.gitkeep$/, /\.map$/];

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/**
 * A built file's URL as the Worker serves it: wrangler's default html_handling answers a page
 * at its name without ".html" (stations.html at /stations) and redirects the name with it, and
 * a cached redirect cannot answer a navigation.
 */
function pageUrl(rel: string): string {
  if (rel === 'index.html') return '/';
  return `/${rel.endsWith('.html') ? rel.slice(0, -'.html'.length) : rel}`;
}

/** The shell's URLs and a version that changes whenever one of their files does. */
export function shellOf(outDir: string): { urls: string[]; version: string; bytes: number } {
  const hash = createHash('sha256');
  const urls: string[] = [];
  let bytes = 0;
  for (const path of listFiles(outDir).sort()) {
    const rel = relative(outDir, path).split(sep).join('/');
    if (EXCLUDED.some((re) => re.test(rel))) continue;
    const content = readFileSync(path);
    hash.update(rel).update(content);
    bytes += content.length;
    urls.push(pageUrl(rel));
  }
  return { urls, version: hash.digest('hex').slice(0, 12), bytes };
}

export async function buildServiceWorker(outDir: string, config: ResolvedConfig): Promise<void> {
  const shell = shellOf(outDir);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: config.root,
    publicDir: false,
    define: { __SHELL__: JSON.stringify(shell.urls), __VERSION__: JSON.stringify(shell.version) },
    build: {
      outDir,
      emptyOutDir: false,
      target: config.build.target,
      minify: config.build.minify,
      lib: { entry: join(config.root, 'src/sw.ts'), formats: ['iife'], name: 'earshotServiceWorker', fileName: () => 'sw.js' },
    },
  });
  config.logger.info(`service worker: ${shell.urls.length} files precached (${(shell.bytes / 1024).toFixed(1)} KB), version ${shell.version}`);
}
