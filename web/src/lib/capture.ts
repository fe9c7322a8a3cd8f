// Microphone capture: getUserMedia with the voice processing off (echo cancellation,
// noise suppression and auto gain all reshape music), through an AudioWorklet.
import { host } from './host';

export type CaptureProblem = 'denied' | 'no_mic' | 'no_worklet' | 'unsupported' | 'failed';

export class CaptureError extends Error {
  constructor(readonly problem: CaptureProblem, message: string) {
    super(message);
    this.name = 'CaptureError';
  }
}

export interface Block {
  samples: Float32Array;
  peak: number;
  rms: number;
}

export interface Capture {
  sampleRate: number;
  stop(): Promise<void>;
}

export function canCapture(): CaptureProblem | null {
  if (!navigator.mediaDevices?.getUserMedia) return 'unsupported';
  if (typeof AudioWorkletNode === 'undefined') return 'no_worklet';
  return null;
}

function fromMediaError(err: unknown): CaptureError {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return new CaptureError('denied', 'microphone permission refused');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return new CaptureError('no_mic', 'no microphone found');
  return new CaptureError('failed', err instanceof Error ? err.message : String(err));
}

export async function startCapture(onBlock: (block: Block) => void): Promise<Capture> {
  const problem = canCapture();
  if (problem) throw new CaptureError(problem, problem);
  let media: MediaStream;
  try {
    media = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  } catch (err) {
    throw fromMediaError(err);
  }
  const ctx = new AudioContext({ latencyHint: 'interactive' });
  try {
    const worklet = host().workletUrl;
    if (!worklet) throw new Error('no capture worklet configured');
    await ctx.audioWorklet.addModule(worklet());
    const node = new AudioWorkletNode(ctx, 'earshot-capture', { numberOfOutputs: 0 });
    node.port.onmessage = (e: MessageEvent<Block>) => onBlock(e.data);
    ctx.createMediaStreamSource(media).connect(node);
    await ctx.resume();
    return {
      sampleRate: ctx.sampleRate,
      async stop() {
        node.port.onmessage = null;
        for (const track of media.getTracks()) track.stop();
        await ctx.close();
      },
    };
  } catch (err) {
    for (const track of media.getTracks()) track.stop();
    await ctx.close();
    throw new CaptureError('failed', err instanceof Error ? err.message : String(err));
  }
}
