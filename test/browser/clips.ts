// Microphone clips for the fake capture device: cuts of the demo songs, clean or noisy.
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

export function writeClip(path: string, spec: ClipSpec): string {
  const song = renderSong(spec.seed, spec.fromS + spec.seconds);
  let x = song.subarray(spec.fromS * DEMO_RATE, (spec.fromS + spec.seconds) * DEMO_RATE);
  if (spec.snrDb !== undefined) x = noisy(x, spec.snrDb, spec.seed * 31 + spec.fromS);
  if (spec.gainDb !== undefined) x = x.map((v) => v * 10 ** (spec.gainDb! / 20));
  writeFileSync(path, encodeWav({ sampleRate: DEMO_RATE, channels: [x] }));
  return path;
}
