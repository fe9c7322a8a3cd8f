import { describe, expect, it } from 'vitest';
import { presets, type EngineConfig } from './config';
import { DF_OFFSET, DT_MASK, F1_BITS } from './hash';

// The emitter drops a pair whose quantised field does not fit its bits, silently: a preset
// whose cells or band outgrow the layout would lose hashes, not fail. The largest cell each
// field can take, under the hypothesis that stretches it most, plus one for rounding and fuzz.
function largestCells(cfg: EngineConfig) {
  const binHz = cfg.rate / cfg.fftSize;
  const maxB = Math.max(...cfg.hypotheses.map(([, b]) => b));
  return {
    f1: Math.ceil(((cfg.fHiHz / binHz + 1) * maxB) / cfg.qf) + 1,
    // the zone bounds df and dt after the hypothesis' scaling (pairing.ts inZone)
    df: Math.ceil(cfg.dfMax / cfg.qf) + 1,
    dt: Math.ceil((cfg.dtMax + 1) / cfg.qt) + 1,
  };
}

describe('the presets fit the hash layout', () => {
  for (const [name, cfg] of Object.entries(presets)) {
    it(`${name}: the anchor's frequency, the step and the time gap fit their bits under every hypothesis`, () => {
      const c = largestCells(cfg);
      expect(c.f1).toBeLessThan(2 ** F1_BITS);
      expect(c.df).toBeLessThan(DF_OFFSET);
      expect(c.dt).toBeLessThanOrEqual(DT_MASK);
    });
  }

  it('would catch cells too fine for the layout', () => {
    expect(largestCells({ ...presets.query, qf: 0.25 }).f1).toBeGreaterThanOrEqual(2 ** F1_BITS);
    expect(largestCells({ ...presets.query, qt: 0.2 }).dt).toBeGreaterThan(DT_MASK);
  });
});
