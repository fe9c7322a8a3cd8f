// The page's handle on the DSP worker. Started once at load so the WASM compiles early.
import * as Comlink from 'comlink';
import type { Engine } from './engine.worker';

export type EngineHandle = Comlink.Remote<Engine>;

let handle: EngineHandle | undefined;

export function engine(): EngineHandle {
  handle ??= Comlink.wrap<Engine>(new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }));
  return handle;
}

/** Sends audio to the worker without copying it. */
export function pushAudio(samples: Float32Array): Promise<void> {
  return engine().push(Comlink.transfer(samples, [samples.buffer]));
}
