// Builds the partner widget, after the app: web/widget/main.ts as one self-contained ES
// module (worker, WASM and worklet inlined, styles in its shadow root) under a
// content-hashed name that can be cached for good, plus the stable /widget.js that
// imports it (cached briefly, so a deploy reaches partner pages within minutes).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, type ResolvedConfig } from 'vite';

export const WIDGET_DIR = 'widget/v1';

export async function buildWidget(outDir: string, config: ResolvedConfig): Promise<void> {
  const dir = join(outDir, WIDGET_DIR);
  mkdirSync(dir, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: config.root,
    publicDir: false,
    plugins: [svelte({ configFile: false, emitCss: false, compilerOptions: { customElement: true } })],
    worker: { format: 'es' },
    build: {
      outDir: dir,
      emptyOutDir: false,
      target: config.build.target,
      minify: true,
      assetsInlineLimit: () => true,
      lib: { entry: join(config.root, 'widget/main.ts'), formats: ['es'], fileName: () => 'earshot.js' },
    },
  });
  const code = readFileSync(join(dir, 'earshot.js'));
  const name = `earshot-${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
  renameSync(join(dir, 'earshot.js'), join(dir, name));
  writeFileSync(join(outDir, 'widget.js'), `// Earshot's partner widget: <earshot-recognizer api-key="...">\nimport './${WIDGET_DIR}/${name}';\n`);
  config.logger.info(`widget: /${WIDGET_DIR}/${name}, ${(code.length / 1024).toFixed(1)} KB, ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
}
