// The widget's DSP worker, inlined into the widget's module: it cannot fetch the engine's
// WASM from its Blob URL, so the page compiles it and hands the module over (`load`).
import * as Comlink from 'comlink';
import { createEngine, type Engine } from '../src/lib/engine-core';

let give!: (m: WebAssembly.Module) => void;
const compiled = new Promise<WebAssembly.Module>((resolve) => (give = resolve));
const engine: Engine = { ...createEngine(compiled), load: (m) => give(m) };
Comlink.expose(engine);
