// Compiles the AssemblyScript engine to dsp/build/dsp.wasm (SIMD, -O3, no GC: every
// buffer is allocated once per instance).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(here, 'build'), { recursive: true });
const { error, stderr } = await asc.main([
  join(here, 'assembly/index.ts'),
  '--outFile', join(here, 'build/dsp.wasm'),
  '--textFile', join(here, 'build/dsp.wat'),
  '--runtime', 'stub',
  '--enable', 'simd',
  '-O3', '--noAssert',
  '--initialMemory', '32',
]);
if (error) {
  console.error(stderr.toString());
  process.exit(1);
}
