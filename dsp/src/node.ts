// Node host: compile the engine's WASM from the build folder once per process.
import { readFile } from 'node:fs/promises';

let compiled: Promise<WebAssembly.Module> | undefined;

export function loadEngineModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(new URL('../build/dsp.wasm', import.meta.url)).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}
