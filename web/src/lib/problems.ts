// Every way an identification can fail, in words a listener can act on.
import { ApiProblem } from './api';
import { FileProblem } from './audio-file';
import { CaptureError, type CaptureProblem } from './capture';
import { MAX_PENDING, QueueFull } from './pending';

/** An offline recording with nothing in it worth identifying later. */
export class NothingToKeep extends Error {
  constructor(readonly why: string) {
    super(`the recording is ${why}`);
    this.name = 'NothingToKeep';
  }
}

export interface Problem {
  kind: CaptureProblem | 'unreachable' | 'api' | 'file' | 'engine' | 'queue';
  /** For code that reacts (the widget's earshot:error): mic_denied, network, or the API's error code. */
  code: string;
  title: string;
  detail: string;
}

const CAPTURE: Record<CaptureProblem, Omit<Problem, 'kind' | 'code'>> = {
  denied: {
    title: 'Microphone access is blocked',
    detail: 'Allow the microphone for this site in your browser settings and try again, or identify from a file.',
  },
  no_mic: {
    title: 'No microphone found',
    detail: 'Connect a microphone and try again, or identify from a file.',
  },
  no_worklet: {
    title: 'This browser cannot record for Earshot',
    detail: 'It lacks AudioWorklet support. Use a current Chrome, Edge, Firefox or Safari, or identify from a file.',
  },
  unsupported: {
    title: 'No microphone access on this page',
    detail: 'Browsers allow the microphone only on secure (https) pages. Identify from a file instead.',
  },
  failed: {
    title: 'The microphone could not start',
    detail: 'Another app may be using it. Try again, or identify from a file.',
  },
};

export function describe(err: unknown): Problem {
  if (err instanceof CaptureError) return { kind: err.problem, code: `mic_${err.problem}`, ...CAPTURE[err.problem] };
  if (err instanceof QueueFull) {
    return {
      kind: 'queue',
      code: 'queue_full',
      title: 'Too many recordings are waiting',
      detail: `${MAX_PENDING} recordings made offline are waiting for the network. Connect to identify them, or cancel some in the history.`,
    };
  }
  if (err instanceof NothingToKeep) {
    return { kind: 'queue', code: 'nothing_to_keep', title: 'Nothing to keep for later', detail: `You are offline and ${err.message}: move closer to the music and try again.` };
  }
  if (err instanceof FileProblem) return { kind: 'file', code: 'file', title: 'That file cannot be used', detail: err.message };
  if (err instanceof ApiProblem) {
    if (err.code !== 'unreachable') return { kind: 'api', code: err.code, title: 'The server could not answer', detail: `${err.message} (${err.code})` };
    return navigator.onLine
      ? { kind: 'unreachable', code: 'network', title: "Can't reach the Earshot server", detail: 'Check your connection and try again.' }
      : { kind: 'unreachable', code: 'network', title: 'You are offline', detail: 'Identifying a file needs the network: try again when you are back online. (Recordings from the microphone are kept and identified later.)' };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'engine', code: 'engine', title: 'Something went wrong in the audio engine', detail: message };
}
