// Compiles the AssemblyScript engine to dsp/build/dsp.wasm (SIMD, -O3, no GC: every
// buffer is allocated once per instance).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

// The npm audio decoders ship their wasm as compressed strings compiled at run time, which
// workerd forbids; the Worker imports these extracted modules instead (docs/decoders-in-workers.md).
const root = join(here, '..');
const { CODEC_SOURCES } = await import('./src/decode/codec-sources.mjs');
const { default: DecoderCommon } = await import(
  pathToFileURL(join(root, 'node_modules/@wasm-audio-decoders/common/src/WASMAudioDecoderCommon.js')).href
);
new DecoderCommon(); // creates its static helpers
mkdirSync(join(here, 'build/decoders'), { recursive: true });
for (const [codec, source] of Object.entries(CODEC_SOURCES)) {
  const { default: EmscriptenWASM } = await import(pathToFileURL(join(root, source)).href);
  // the factory defines its `wasm` string while it runs, on the instance or on itself
  const instance = new EmscriptenWASM(DecoderCommon);
  const bytes = await DecoderCommon.inflateDynEncodeString(instance.wasm ?? EmscriptenWASM.wasm);
  if (!WebAssembly.validate(bytes)) throw new Error(`${codec}: extracted decoder wasm does not validate`);
  writeFileSync(join(here, `build/decoders/${codec}.wasm`), bytes);
}
