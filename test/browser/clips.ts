// Microphone clips for the fake capture device: cuts of the demo songs (or any audio), clean or noisy.
import { writeFileSync } from 'node:fs';
import { DEMO_RATE, renderSong } from '../../scripts/demo/songs';
import { encodeWav } from '../../dsp/src/decode/index';
import { addNoise } from '../../dsp/testing/index';

export interface ClipSpec {
  seed: number;
  fromS: number;
  seconds: number;
  /** White noise at this SNR (dB) relative to the clip's power; none when omitted. */
  snrDb?: number;
  /** Level change (dB), e.g. -40 for a song heard from far away. */
  gainDb?: number;
}

/** White noise at `snrDb`, scaled down so the noisy clip does not clip. */
function noisy(x: Float32Array, snrDb: number, seed: number): Float32Array {
  let power = 0;
  for (const v of x) power += v * v;
  const sigma = Math.sqrt(power / x.length / 10 ** (snrDb / 10));
  const gain = 0.7 / (0.708 + 3 * sigma);
  return addNoise(x, snrDb, seed).map((v) => gain * v);
}

/** Writes `x` (mono at `rate`) as the fake microphone's WAV, with the noise or level change asked for. */
export function writeSamples(path: string, x: Float32Array, rate: number, effect: { snrDb?: number; gainDb?: number; seed: number }): string {
  if (effect.snrDb !== undefined) x = noisy(x, effect.snrDb, effect.seed);
  if (effect.gainDb !== undefined) x = x.map((v) => v * 10 ** (effect.gainDb! / 20));
  writeFileSync(path, encodeWav({ sampleRate: rate, channels: [x] }));
  return path;
}

export function writeClip(path: string, spec: ClipSpec): string {
  const song = renderSong(spec.seed, spec.fromS + spec.seconds);
  const x = song.subarray(spec.fromS * DEMO_RATE, (spec.fromS + spec.seconds) * DEMO_RATE);
  return writeSamples(path, x, DEMO_RATE, { snrDb: spec.snrDb, gainDb: spec.gainDb, seed: spec.seed * 31 + spec.fromS });
}
