import { defineConfig } from 'vitest/config';

// One run, several projects: Node-side tests here; the Worker API adds a workerd project.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['dsp/**/*.test.ts', 'cli/**/*.test.ts', 'common/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.worker.test.ts', '**/node_modules/**', 'test/browser/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // The app: its pure logic, then the built app in Debian Chromium against wrangler dev.
        test: {
          name: 'browser',
          include: ['web/**/*.test.ts', 'test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
    ],
  },
});
