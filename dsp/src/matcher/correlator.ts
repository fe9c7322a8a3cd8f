// The band envelope search's dot products (verify.ts), behind one interface as Olaf keeps
// its stages swappable: plain JavaScript anywhere, or the engine module's SIMD kernel
// (dsp/assembly/correlate.ts) where a host holds the compiled module (the API, the benches).
import { ENVELOPE } from '../config';
import type { QueryEnvelope } from '../envelope/index';

export interface Correlator {
  /**
   * Each query phase's r at each offset of the view `x` (blocks x bands, centred per block),
   * kept in `best` (offsets x phases) where higher. `inv`: each offset's 1 / spread (0: a
   * window without spread, r 0).
   */
  correlate(q: QueryEnvelope, x: Float32Array, inv: Float32Array, best: Float32Array): void;
}

export const jsCorrelator: Correlator = {
  correlate(q, x, inv, best) {
    const nb = ENVELOPE.bands;
    const span = q.blocks * nb;
    const phases = q.phases.length;
    for (let s = 0; s < inv.length; s++) {
      const base = s * nb;
      for (let p = 0; p < phases; p++) {
        const qp = q.phases[p];
        // four sums: a third less time in V8
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        for (let i = 0; i < span; i += 4) {
          d0 += qp[i] * x[base + i];
          d1 += qp[i + 1] * x[base + i + 1];
          d2 += qp[i + 2] * x[base + i + 2];
          d3 += qp[i + 3] * x[base + i + 3];
        }
        const r = (d0 + d1 + d2 + d3) * inv[s];
        if (r > best[s * phases + p]) best[s * phases + p] = r;
      }
    }
  },
};

// both kernels sum four lanes at a time over a window's blocks of bands
if (ENVELOPE.bands % 4 !== 0) throw new Error('the envelope correlators need a multiple of 4 bands');

interface KernelExports {
  memory: WebAssembly.Memory;
  envScratch(bytes: number): number;
  envCorrelate(x: number, offsets: number, q: number, phases: number, span: number, bands: number, inv: number, best: number): void;
}

/** The engine module's kernel: an instance of its own, its scratch memory reused call to call. */
export class WasmCorrelator implements Correlator {
  private constructor(private readonly k: KernelExports) {}

  static async create(module: WebAssembly.Module): Promise<WasmCorrelator> {
    const instance = await WebAssembly.instantiate(module, {
      env: {
        abort() {
          throw new Error('dsp: abort');
        },
      },
    });
    return new WasmCorrelator(instance.exports as unknown as KernelExports);
  }

  correlate(q: QueryEnvelope, x: Float32Array, inv: Float32Array, best: Float32Array): void {
    const nb = ENVELOPE.bands;
    const span = q.blocks * nb;
    const phases = q.phases.length;
    const floats = phases * span + x.length + inv.length + best.length;
    const base = this.k.envScratch(floats * 4);
    // the scratch may have grown the memory: views are made after it
    const mem = new Float32Array(this.k.memory.buffer, base, floats);
    q.phases.forEach((p, i) => mem.set(p.subarray(0, span), i * span));
    const xAt = phases * span;
    const invAt = xAt + x.length;
    const bestAt = invAt + inv.length;
    mem.set(x, xAt);
    mem.set(inv, invAt);
    mem.set(best, bestAt);
    this.k.envCorrelate(base + 4 * xAt, inv.length, base, phases, span, nb, base + 4 * invAt, base + 4 * bestAt);
    best.set(mem.subarray(bestAt, bestAt + best.length));
  }
}
