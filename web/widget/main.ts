// <earshot-recognizer>: the partner widget. One ES module, served by the Worker, that a page
// on any origin loads with one script tag: the engine's worker, its WASM and the capture
// worklet travel inside it (a page cannot start a Worker or a worklet from a foreign URL).
// The API is the origin this module was loaded from.
import * as Comlink from 'comlink';
import wasmDataUrl from '../../dsp/build/dsp.wasm?url&inline';
import workletSource from '../src/lib/capture.worklet.js?raw';
import type { Engine } from '../src/lib/engine-core';
import { setHost } from '../src/lib/host';
import EngineWorker from './engine.worker.ts?worker&inline';
import './Recognizer.svelte';

export const API_ORIGIN = new URL(import.meta.url).origin;

let worklet: string | undefined;
setHost({
  apiBase: API_ORIGIN,
  apiHeaders: {},
  engineWorker: () => {
    const w = new EngineWorker();
    const bytes = Uint8Array.from(atob(wasmDataUrl.slice(wasmDataUrl.indexOf(',') + 1)), (ch) => ch.charCodeAt(0));
    void WebAssembly.compile(bytes).then((m) => Comlink.wrap<Engine>(w).load!(m));
    return w;
  },
  workletUrl: () => (worklet ??= URL.createObjectURL(new Blob([workletSource], { type: 'text/javascript' }))),
});
