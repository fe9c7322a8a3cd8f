// The DSP worker's engine, whichever way its WASM arrives (fetched by the app's worker,
// handed over by the widget's): one capture at a time; `begin` starts a stream, `push`
// feeds it, `question` packs what was heard for the identify API, as if the capture ended
// there (dsp/src/growing-clip.ts: the last 1.7 s count too, not only the settled audio).
import * as Comlink from 'comlink';
import { GrowingClip } from '../../../dsp/src/index';
import type { QualityMetrics } from '../../../dsp/src/index';
import { IDENTIFY_MAX_BYTES } from '../../../common/limits';
import { clipQuestion, type Question } from '../../../common/question';

export function createEngine(compiled: Promise<WebAssembly.Module>) {
  let clip: GrowingClip | null = null;

  const current = (): GrowingClip => {
    if (!clip) throw new Error('no capture in progress');
    return clip;
  };

  return {
    /** Resolves once the engine is compiled. */
    async ready(): Promise<void> {
      await compiled;
    },

    async begin(sampleRate: number, channels = 1): Promise<void> {
      clip = await GrowingClip.create(await compiled, { sampleRate, channels, preset: 'query' });
    },

    push(samples: Float32Array): void {
      current().push(samples);
    },

    /** End of audio: the last hashes become final. */
    finish(): void {
      current().finish();
    },

    /** What the capture sounds like so far (for coaching while it listens). */
    quality(): QualityMetrics {
      return current().quality();
    },

    /** The identify request body for everything heard so far, or why the capture is not worth asking about yet. */
    async question(maxBytes = IDENTIFY_MAX_BYTES): Promise<Question> {
      const q = await clipQuestion(current(), maxBytes);
      return q.body ? Comlink.transfer(q, [q.body.buffer]) : q;
    },
  };
}

export type Engine = ReturnType<typeof createEngine> & {
  /** The widget's worker: the page hands the compiled module over (it cannot fetch ours). */
  load?(module: WebAssembly.Module): void;
};
