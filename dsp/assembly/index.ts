// The module's ABI: one stream per instance. The host writes the configuration block and
// the input chunk into linear memory, then reads hash records (hash, t, hypothesis:
// three i32 each) from the output block.
import { Stream, OUT_CAP } from './stream';
import { RealFFT } from './fft';
import { C_SIZE, C_FFT } from './config';
import { Q_FIELDS } from './quality';

export const MIN_RATE: i32 = 8000;
export const MAX_RATE: i32 = 192000;
export const MAX_CHANNELS: i32 = 8;

const config = new StaticArray<f64>(C_SIZE);
const qualityOut = new StaticArray<f64>(Q_FIELDS);
let stream: Stream | null = null;
let input: StaticArray<f32> | null = null;
let chunkFrames: i32 = 0;
let fftScratch: StaticArray<f32> | null = null;
let fftOut: StaticArray<f32> | null = null;
let fft: RealFFT | null = null;

export function configPtr(): usize { return changetype<usize>(config); }

/** 0 on success; 1 bad rate, 2 bad channel count, 3 already initialised. */
export function init(inRate: i32, channels: i32, maxChunkFrames: i32): i32 {
  if (stream !== null) return 3;
  if (inRate < MIN_RATE || inRate > MAX_RATE) return 1;
  if (channels < 1 || channels > MAX_CHANNELS) return 2;
  chunkFrames = maxChunkFrames;
  input = new StaticArray<f32>(maxChunkFrames * channels);
  stream = new Stream(<f64>inRate, channels, config, maxChunkFrames);
  return 0;
}

export function inputPtr(): usize { return changetype<usize>(input!); }
export function outputPtr(): usize { return changetype<usize>(stream!.out); }
export function outputCapacity(): i32 { return OUT_CAP; }

/** Returns the number of hash records now in the output block, or -1 for a chunk too large. */
export function push(frames: i32): i32 {
  if (frames < 0 || frames > chunkFrames) return -1;
  return stream!.push(changetype<usize>(input!), frames);
}
export function flush(): i32 { return stream!.flush(); }
export function drain(): i32 { return stream!.drain(); }
export function overflowed(): bool { return stream!.overflow; }

export function peaksPtr(): usize { return changetype<usize>(stream!.peakOut); }
export function peakCount(): i32 { return stream!.peakOutCount; }
export function framesAnalysed(): i32 { return stream!.frames; }

export function qualityPtr(): usize {
  stream!.quality.write(qualityOut);
  return changetype<usize>(qualityOut);
}

/** Power spectrum of one analysis frame (no window): for tests against a direct DFT. */
export function spectrumScratch(): usize {
  if (fft === null) {
    const n = <i32>config[C_FFT];
    fft = new RealFFT(n);
    fftScratch = new StaticArray<f32>(n);
    fftOut = new StaticArray<f32>((n >> 1) + 1);
  }
  return changetype<usize>(fftScratch!);
}
export function spectrum(): usize {
  fft!.power(changetype<usize>(fftScratch!), changetype<usize>(fftOut!));
  return changetype<usize>(fftOut!);
}
