// Global setup of the workerd test project: the Node engine fingerprints the reference
// signals first, so the workerd test can check that the same WASM gives the same hashes
// there. Computed at test time from the same code: nothing hard-coded to go stale.
import type { TestProject } from 'vitest/node';
import { fingerprint } from '../src/engine';
import { loadEngineModule } from '../src/node';
import { batchDigest } from './digest';
import { GOLDEN_CASES, goldenSignal } from './golden';

export default async function setup(project: TestProject): Promise<void> {
  const module = await loadEngineModule();
  const digests: Record<string, string> = {};
  for (const c of GOLDEN_CASES) {
    const r = await fingerprint(module, goldenSignal(c), { sampleRate: c.rate, channels: c.channels, preset: c.preset });
    digests[c.name] = batchDigest(r.hashes);
  }
  project.provide('engineDigests', digests);
}

declare module 'vitest' {
  export interface ProvidedContext {
    engineDigests: Record<string, string>;
  }
}
