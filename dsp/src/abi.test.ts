import { describe, expect, it } from 'vitest';
import { configBlock, layoutOf, qualityOf } from './abi';
import { presets } from './config';
import { loadEngineModule } from './node';

const module = await loadEngineModule();
const { exports } = await WebAssembly.instantiate(module, { env: { abort() {} } });
/** The real exports with some constants replaced (a fresh module key each time: layouts are cached per module). */
const altered = (over: Record<string, number | undefined>) => {
  const x: WebAssembly.Exports = { ...exports };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete x[k];
    else x[k] = new WebAssembly.Global({ value: 'i32', mutable: false }, v);
  }
  return layoutOf(new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])), x);
};

describe('the engine interface by name', () => {
  it('fills every configuration slot by name and reads quality by name', () => {
    const l = layoutOf(module, exports);
    const block = configBlock(l, presets.query);
    expect(block[l.config.C_HOP]).toBe(presets.query.hop);
    expect(block[l.config.C_N_HYP]).toBe(presets.query.hypotheses.length);
    expect([...block.subarray(l.hypSlot, l.hypSlot + 2)]).toEqual([...presets.query.hypotheses[0]]);
    const q = new Float64Array(l.qualityFields).map((_, i) => i);
    expect(qualityOf(l, q).snrDb).toBe(l.quality.Q_SNR);
  });

  it('refuses a module with a slot the host does not name, a missing name, or another record layout', () => {
    expect(() => altered({ C_HYP: (exports.C_HYP as WebAssembly.Global).value + 1 })).toThrow(/configuration slots/);
    expect(() => altered({ C_SMOOTH: undefined })).toThrow(/exports no C_SMOOTH/);
    expect(() => altered({ Q_SNR: (exports.Q_DC as WebAssembly.Global).value })).toThrow(/quality slots/);
    expect(() => altered({ HASH_DT_BITS: 7 })).toThrow(/HASH_DT_BITS/);
    expect(() => altered({ HYP_VARIANT_FLAG: 0x40 })).toThrow(/HYP_VARIANT_FLAG/);
  });
});
