// Reference signals every host of the engine must fingerprint identically.
import type { PresetName } from '../src/config';
import { synthSong } from './synth';

export interface GoldenCase {
  name: string;
  seed: number;
  seconds: number;
  rate: number;
  channels: number;
  preset: PresetName;
}

export const GOLDEN_CASES: GoldenCase[] = [
  { name: 'index-44k1-stereo', seed: 21, seconds: 12, rate: 44100, channels: 2, preset: 'index' },
  { name: 'query-48k-mono', seed: 22, seconds: 6, rate: 48000, channels: 1, preset: 'query' },
];

export function goldenSignal(c: GoldenCase): Float32Array {
  const mono = synthSong(c.seed, c.seconds, c.rate);
  if (c.channels === 1) return mono;
  const out = new Float32Array(mono.length * c.channels);
  for (let i = 0; i < mono.length; i++) for (let ch = 0; ch < c.channels; ch++) out[i * c.channels + ch] = mono[i] * (1 - 0.1 * ch);
  return out;
}
