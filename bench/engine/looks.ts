// What the app sends about one capture as it grows: the clip streamed through the query
// extraction in steps, as the capture feeds it, and a question whenever the app would ask
// (the first as soon as the clip is worth asking about, then on ASK_SCHEDULE, and at the
// end), each carrying everything heard so far as if the capture ended there (GrowingClip,
// as web/src/lib/engine-core.ts asks), fitted to one identify body.
import { askIntervalS } from '../../common/limits';
import { clipQuestion } from '../../common/question';
import type { GrowingClip } from '../../dsp/src/index';

export interface Step {
  /** Audio heard so far, seconds. */
  heardS: number;
  /** Records final so far (what the stream has settled). */
  records: number;
  /** The identify body the app sends now (its records and band envelope), or null when it does not ask at this step. */
  ask: Uint8Array | null;
}

/** `everyS`: one fixed interval instead of the app's schedule (to compare with it). */
export async function* appSteps(clip: GrowingClip, samples: Float32Array, channels: number, rate: number, stepS: number, everyS: number | null = null): AsyncGenerator<Step> {
  const step = Math.round(stepS * rate) * channels;
  let lastAskS = -Infinity;
  for (let o = 0; o < samples.length; o += step) {
    const end = Math.min(samples.length, o + step);
    clip.push(samples.subarray(o, end));
    if (end === samples.length) clip.finish();
    const heardS = end / channels / rate;
    const due = heardS >= lastAskS + (everyS ?? askIntervalS(lastAskS)) - 1e-6 || end === samples.length;
    let ask: Uint8Array | null = null;
    if (due) {
      const { body } = await clipQuestion(clip);
      if (body) {
        lastAskS = heardS;
        ask = body;
      }
    }
    yield { heardS, records: clip.finalRecords, ask };
  }
}
