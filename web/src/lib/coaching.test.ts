import { describe, expect, it } from 'vitest';
import type { QualityMetrics } from '../../../dsp/src/index';
import { coach } from './coaching';

const clean: QualityMetrics = {
  durationS: 3, peakDbfs: -3, rmsDbfs: -21, loudnessLufs: -21, clippingRatio: 0,
  silenceRatio: 0, snrDb: 12, invalidRatio: 0, dcOffset: 0,
};

describe('coach', () => {
  it('says nothing about clean audio or about too little of it', () => {
    expect(coach(clean)).toBeNull();
    expect(coach({ ...clean, durationS: 0.5, rmsDbfs: -80 })).toBeNull();
  });
  it('names the problem', () => {
    expect(coach({ ...clean, clippingRatio: 0.02 })).toBe('clipping');
    expect(coach({ ...clean, rmsDbfs: -71, silenceRatio: 1 })).toBe('too_quiet');
    expect(coach({ ...clean, snrDb: 4.6 })).toBe('noisy');
  });
});
