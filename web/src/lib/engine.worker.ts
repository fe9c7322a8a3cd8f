// The app's DSP worker: fetches and compiles the engine's WASM from its own origin.
import * as Comlink from 'comlink';
import wasmUrl from '../../../dsp/build/dsp.wasm?url';
import { createEngine } from './engine-core';

// compiled once when the worker starts, while the page is still rendering
Comlink.expose(createEngine(WebAssembly.compileStreaming(fetch(wasmUrl))));
