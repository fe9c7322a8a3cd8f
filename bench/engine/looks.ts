// What the app sends about one capture as it grows: the clip streamed through the query
// extraction in steps, as the capture feeds it, and a question whenever the app would ask
// (the first as soon as the clip is worth asking about, then on ASK_SCHEDULE, and at the
// end), each carrying everything final so far fitted to one identify body.
import { askIntervalS, IDENTIFY_MAX_BYTES } from '../../common/limits';
import { wireRecordsIn } from '../../common/wire';
import { clipProblem, fitRecords, type Fingerprinter, type HashBatch } from '../../dsp/src/index';

export interface Step {
  /** Audio heard so far, seconds. */
  heardS: number;
  /** Records final so far. */
  records: number;
  /** What the app sends now, or null when it does not ask at this step. */
  ask: HashBatch | null;
}

/** `everyS`: one fixed interval instead of the app's schedule (to compare with it). */
export function* appSteps(fp: Fingerprinter, samples: Float32Array, channels: number, rate: number, stepS: number, everyS: number | null = null): Generator<Step> {
  const budget = wireRecordsIn(IDENTIFY_MAX_BYTES);
  const step = Math.round(stepS * rate) * channels;
  const batches: HashBatch[] = [];
  let records = 0;
  let lastAskS = -Infinity;
  for (let o = 0; o < samples.length; o += step) {
    const end = Math.min(samples.length, o + step);
    const b = end === samples.length ? (fp.push(samples.subarray(o, end)), fp.flush()) : fp.push(samples.subarray(o, end));
    batches.push(b);
    records += b.hash.length;
    const heardS = end / channels / rate;
    const due = heardS >= lastAskS + (everyS ?? askIntervalS(lastAskS)) - 1e-6 || end === samples.length;
    const ask = !clipProblem(fp.quality(), records) && due;
    if (ask) lastAskS = heardS;
    yield { heardS, records, ask: ask ? fitRecords(batches, budget) : null };
  }
}
