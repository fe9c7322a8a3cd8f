// The engine inside workerd: the same .wasm, imported as a module the way the Worker
// imports it, must give exactly the hashes Node gives (dsp/testing/golden.setup.ts
// computes those).
import { describe, expect, inject, it } from 'vitest';
import dspModule from '../build/dsp.wasm';
import { batchDigest } from '../testing/digest';
import { fingerprint } from './engine';
import { GOLDEN_CASES, goldenSignal } from '../testing/golden';

describe('engine in workerd', () => {
  for (const c of GOLDEN_CASES) {
    it(`fingerprints ${c.name} exactly as Node does`, async () => {
      const r = await fingerprint(dspModule, goldenSignal(c), { sampleRate: c.rate, channels: c.channels, preset: c.preset });
      expect(r.hashes.hash.length).toBeGreaterThan(100);
      expect(batchDigest(r.hashes)).toBe(inject('engineDigests')[c.name]);
    });
  }
});
