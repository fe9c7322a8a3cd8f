// The module's ABI: one stream per instance. The host writes the configuration block and
// the input chunk into linear memory, then reads hash records (hash, t, hypothesis:
// three i32 each) from the output block.
import { Stream } from './stream';
import { RealFFT } from './fft';
import { C_SIZE, C_FFT } from './config';
import { Q_FIELDS } from './quality';

// The layouts the host reads and writes, by name (dsp/src/abi.ts checks them at load).
export {
  C_RATE, C_FFT, C_HOP, C_F_LO, C_F_HI, C_CUTOFF, C_ZERO_X, C_PEAK_F_RADIUS, C_PEAK_T_RADIUS,
  C_RANK_WINDOW, C_RANK_KEEP, C_FLOOR_DB, C_TILT, C_FANOUT, C_DT_MIN, C_DT_MAX, C_DF_MAX,
  C_QF, C_QT, C_FUZZ, C_N_HYP, C_LOUDNESS, C_HYP_FANOUT, C_HYP_FUZZ, C_STRONG_FANOUT, C_SMOOTH,
  C_BASS_HZ, C_BASS_KEEP, C_EARLY, C_EXTRA_KEEP,
  C_ENV_BANDS, C_ENV_LO_HZ, C_ENV_HI_HZ, C_ENV_STEP, C_HYP, MAX_HYP, C_SIZE,
} from './config';
export { Q_DURATION, Q_PEAK_DBFS, Q_RMS_DBFS, Q_LOUDNESS, Q_CLIPPING, Q_SILENCE, Q_SNR, Q_INVALID, Q_DC, Q_FIELDS } from './quality';
export { RECORD_I32, HASH_DT_BITS, HASH_DF_BITS, HASH_F1_BITS, HYP_VARIANT_FLAG, HYP_EXTRA_FLAG } from './landmarks';
export { PEAK_F32 } from './stream';
export { correlate as envCorrelate, scratchOf as envScratch } from './correlate';

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
/** The envelope steps this call completed: bands f32 each (envelope.ts). */
export function envelopePtr(): usize { return changetype<usize>(stream!.envelopeOut); }
export function envelopeCount(): i32 { return stream!.envelopeCount; }
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
