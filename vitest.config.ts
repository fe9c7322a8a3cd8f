import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { createServer } from 'node:net';
import { STANDIN_KEY, STANDIN_SECRET } from './test/acrcloud/standin';

/** A port for the ACRCloud stand-in, known before the Worker's bindings are. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// One run, several projects: Node-side tests here; the Worker API adds a workerd project.
export default defineConfig(async () => {
  process.env.EARSHOT_ACR_STANDIN_PORT ??= String(await freePort());
  return {
    test: {
      // Two at a time (Vitest's default on two cores is one): most Node and workerd files
      // wait on wrangler dev, a stream at real pace or D1, not on a core. The browser
      // project keeps to one file at a time, after the others (it rebuilds dist/, which
      // the e2e tests' wrangler dev serves).
      maxWorkers: 2,
      projects: [
        {
          test: {
            name: 'node',
            include: ['dsp/**/*.test.ts', 'cli/**/*.test.ts', 'common/**/*.test.ts', 'test/**/*.test.ts', 'worker-api/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
            exclude: ['**/*.worker.test.ts', '**/node_modules/**', 'test/browser/**'],
            environment: 'node',
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
        {
          // The Worker API inside workerd, with real D1 (catalog + index shards), KV and rate limits.
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  ADMIN_TOKEN: 'test-admin-token-0123456789',
                  TUNESCOUT_TOKEN: 'test-tunescout-token-0123456789',
                  ACRCLOUD_HOST: `http://127.0.0.1:${process.env.EARSHOT_ACR_STANDIN_PORT}`,
                  ACRCLOUD_ACCESS_KEY: STANDIN_KEY,
                  ACRCLOUD_ACCESS_SECRET: STANDIN_SECRET,
                  CATALOG_MIGRATIONS: await readD1Migrations('migrations/catalog'),
                  INDEX_MIGRATIONS: await readD1Migrations('migrations/index'),
                },
              },
            }),
          ],
          // the same stand-ins as wrangler.toml's [alias] (the decoders' unused Web Worker parts)
          resolve: {
            alias: {
              '@eshaz/web-worker': new URL('./worker-api/tunescout/shims/web-worker.ts', import.meta.url).pathname,
              '@wasm-audio-decoders/opus-ml': new URL('./worker-api/tunescout/shims/opus-ml.ts', import.meta.url).pathname,
            },
          },
          test: {
            name: 'workers',
            include: ['worker-api/**/*.worker.test.ts', 'dsp/**/*.worker.test.ts'],
            setupFiles: ['worker-api/test/apply-migrations.ts'],
            globalSetup: ['dsp/testing/golden.setup.ts', 'worker-api/test/audio-fixtures.setup.ts', 'worker-api/artwork/images.setup.ts', 'test/acrcloud/standin.setup.ts', 'test/radio/stream-server.setup.ts'],
            testTimeout: 60_000,
          },
        },
        {
          // The app: its pure logic, then the built app in Debian Chromium against wrangler dev.
          test: {
            name: 'browser',
            include: ['web/**/*.test.ts', 'test/browser/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['test/browser/server.ts'],
            // one Chromium at a time next to wrangler dev: two cores
            fileParallelism: false,
            testTimeout: 60_000,
            hookTimeout: 180_000,
          },
        },
      ],
    },
  };
});
