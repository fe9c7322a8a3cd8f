// The DSP worker's engine, whichever way its WASM arrives (fetched by the app's worker,
// handed over by the widget's): one capture at a time; `begin` starts a stream, `push`
// feeds it, `body` packs what was heard for the identify API.
import * as Comlink from 'comlink';
import { clipProblem, fitRecords, FP_VERSION, Fingerprinter, type ClipProblem } from '../../../dsp/src/index';
import type { HashBatch, QualityMetrics } from '../../../dsp/src/index';
import { IDENTIFY_MAX_BYTES } from '../../../common/limits';
import { encodeHashes, wireRecordsIn } from '../../../common/wire';

export function createEngine(compiled: Promise<WebAssembly.Module>) {
  let stream: Fingerprinter | null = null;
  let batches: HashBatch[] = [];

  const current = (): Fingerprinter => {
    if (!stream) throw new Error('no capture in progress');
    return stream;
  };
  const keep = (batch: HashBatch): void => {
    if (batch.hash.length > 0) batches.push(batch);
  };

  return {
    /** Resolves once the engine is compiled. */
    async ready(): Promise<void> {
      await compiled;
    },

    async begin(sampleRate: number, channels = 1): Promise<void> {
      stream = await Fingerprinter.create(await compiled, { sampleRate, channels, preset: 'query' });
      batches = [];
    },

    push(samples: Float32Array): void {
      keep(current().push(samples));
    },

    /** End of audio: the last hashes become final. */
    finish(): void {
      keep(current().flush());
    },

    /** What the capture sounds like so far, and whether it is worth asking the API about. */
    heard(): { quality: QualityMetrics; problem: ClipProblem | null } {
      const quality = current().quality();
      const hashes = batches.reduce((n, b) => n + b.hash.length, 0);
      return { quality, problem: clipProblem(quality, hashes) };
    },

    /** The identify request body for everything heard so far. */
    body(maxBytes = IDENTIFY_MAX_BYTES): Uint8Array {
      const bytes = encodeHashes(fitRecords(batches, wireRecordsIn(maxBytes)), FP_VERSION);
      return Comlink.transfer(bytes, [bytes.buffer]);
    },
  };
}

export type Engine = ReturnType<typeof createEngine> & {
  /** The widget's worker: the page hands the compiled module over (it cannot fetch ours). */
  load?(module: WebAssembly.Module): void;
};
