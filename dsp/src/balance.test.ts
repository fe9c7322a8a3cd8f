import { describe, expect, it } from 'vitest';
import { bassBoost, synthSong } from '../testing/index';
import { balanceShift, SecondBands } from './balance';

const RATE = 22050;
const song = synthSong(41, 40, RATE);

function bands(x: Float32Array, rate = RATE, channels = 1): Float32Array {
  const b = new SecondBands(rate, channels);
  // in uneven pieces, as a decoder hands them over
  for (let i = 0; i < x.length; i += 7001) b.push(x.subarray(i, i + 7001));
  return b.finish();
}

/** The larger of the two shifts, dB. */
const size = (a: Float32Array, b: Float32Array, offsetS: number) => {
  const s = balanceShift(a, b, offsetS);
  return Math.max(Math.abs(s.bassDb), Math.abs(s.trebleDb));
};

describe('balanceShift', () => {
  const reference = bands(song);

  it('reads 0 for a level change, a gain that moves with time, and the stereo copy of a mono file', () => {
    expect(size(bands(song.map((v) => v * 0.3)), reference, 0)).toBeLessThan(0.01);
    const ramp = song.map((v, i) => v * (0.2 + (0.8 * i) / song.length));
    expect(size(bands(ramp), reference, 0)).toBeLessThan(0.05);
    const stereo = new Float32Array(song.length * 2).map((_, i) => song[i >> 1]);
    expect(size(bands(stereo, RATE, 2), reference, 0)).toBeLessThan(0.01);
  });

  it('reads a bass boost in the bass, signed, either way round, wherever the two overlap', () => {
    const boosted = bands(bassBoost(song, 6, RATE));
    const shift = balanceShift(boosted, reference, 0);
    expect(shift.bassDb).toBeGreaterThan(3);
    // a first-order shelf lifts the middle band a little too: the treble reads slightly down
    expect(Math.abs(shift.trebleDb)).toBeLessThan(shift.bassDb / 3);
    const back = balanceShift(reference, boosted, 0);
    expect(back.bassDb).toBeCloseTo(-shift.bassDb, 5);
    // a copy whose first 5 s are gone: its second 0 is the original's second 5
    const trimmed = bands(song.subarray(5 * RATE));
    expect(size(trimmed, reference, 5)).toBeLessThan(0.01);
    expect(size(trimmed, reference, 0)).toBeGreaterThan(0.01);
  });

  it('stays small when the seconds are half a second out of step', () => {
    expect(size(bands(song.subarray(RATE / 2)), reference, 0.5)).toBeLessThan(0.3);
  });

  it('reads 0 when no block is comparable', () => {
    expect(balanceShift(bands(new Float32Array(RATE * 3)), reference, 0)).toEqual({ bassDb: 0, trebleDb: 0 });
    expect(balanceShift(reference, reference, 100)).toEqual({ bassDb: 0, trebleDb: 0 });
  });

});
