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
    ],
  },
});
