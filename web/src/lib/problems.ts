// Every way an identification can fail, in words a listener can act on.
import { ApiProblem } from './api';
import { FileProblem } from './audio-file';
import { CaptureError, type CaptureProblem } from './capture';

export interface Problem {
  kind: CaptureProblem | 'unreachable' | 'api' | 'file' | 'engine';
  title: string;
  detail: string;
}

const CAPTURE: Record<CaptureProblem, Omit<Problem, 'kind'>> = {
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
  if (err instanceof CaptureError) return { kind: err.problem, ...CAPTURE[err.problem] };
  if (err instanceof FileProblem) return { kind: 'file', title: 'That file cannot be used', detail: err.message };
  if (err instanceof ApiProblem) {
    if (err.code !== 'unreachable') return { kind: 'api', title: 'The server could not answer', detail: `${err.message} (${err.code})` };
    return navigator.onLine
      ? { kind: 'unreachable', title: "Can't reach the Earshot server", detail: 'Check your connection and try again.' }
      : { kind: 'unreachable', title: 'You are offline', detail: 'Earshot needs the network to look the song up. Try again when you are back online.' };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'engine', title: 'Something went wrong in the audio engine', detail: message };
}
