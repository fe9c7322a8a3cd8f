// The page's handle on the DSP worker (the host says how to start it). Started once at
// load so the WASM compiles early.
import * as Comlink from 'comlink';
import type { Engine } from './engine-core';
import { host } from './host';

export type EngineHandle = Comlink.Remote<Engine>;

let handle: EngineHandle | undefined;

export function engine(): EngineHandle {
  const start = host().engineWorker;
  if (!start) throw new Error('no engine worker configured');
  handle ??= Comlink.wrap<Engine>(start());
  return handle;
}

/** Sends audio to the worker without copying it. */
export function pushAudio(samples: Float32Array): Promise<void> {
  return engine().push(Comlink.transfer(samples, [samples.buffer]));
}
