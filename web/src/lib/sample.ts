// The last seconds heard, kept in memory only while listening, for the fallback
// identifier when the user allowed audio to leave the device: mono 16 kHz 16-bit WAV.
import { encodeWav } from '../../../dsp/src/decode/wav';

/** What the fallback gets at most: the last 12 s. */
export const SAMPLE_SECONDS = 12;
export const SAMPLE_RATE = 16_000;

export class SampleKeeper {
  private blocks: Float32Array[] = [];
  private frames = 0;

  constructor(private readonly rate: number) {}

  /** Keeps a copy of `block`, dropping what falls out of the window. */
  add(block: Float32Array): void {
    this.blocks.push(block.slice());
    this.frames += block.length;
    while (this.blocks.length > 1 && this.frames - this.blocks[0].length >= SAMPLE_SECONDS * this.rate) this.frames -= this.blocks.shift()!.length;
  }

  clear(): void {
    this.blocks = [];
    this.frames = 0;
  }

  /** The window as a 16 kHz mono WAV; null when nothing was kept. */
  async wav(): Promise<Uint8Array | null> {
    if (this.frames === 0) return null;
    const keep = Math.min(this.frames, SAMPLE_SECONDS * this.rate);
    const all = new Float32Array(this.frames);
    let o = 0;
    for (const b of this.blocks) all.set(b, (o += b.length) - b.length);
    const window = all.subarray(this.frames - keep);
    const out = Math.ceil((keep / this.rate) * SAMPLE_RATE);
    // the browser's resampler (band-limited), offline: no audio is played
    const ctx = new OfflineAudioContext(1, out, SAMPLE_RATE);
    const buffer = ctx.createBuffer(1, keep, this.rate);
    buffer.copyToChannel(window, 0);
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    src.connect(ctx.destination);
    src.start();
    const rendered = await ctx.startRendering();
    return encodeWav({ sampleRate: SAMPLE_RATE, channels: [rendered.getChannelData(0)] });
  }
}
