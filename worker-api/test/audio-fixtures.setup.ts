// Global setup of the workerd tests: workerd has no file system, so the project-made audio
// files of test/fixtures/audio reach the tests through vitest's provide/inject.
import { readdirSync, readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): void {
  const dir = new URL('../../test/fixtures/audio/', import.meta.url);
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) files[name] = readFileSync(new URL(name, dir)).toString('base64');
  project.provide('audioFixtures', files);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** file name -> base64 bytes */
    audioFixtures: Record<string, string>;
  }
}
