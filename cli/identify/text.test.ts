import { describe, expect, it } from 'vitest';
import { identifyText, type IdentifyLine } from './command';

const line = (confidences: number[]): IdentifyLine => ({
  file: 'clip.wav',
  status: 'match',
  ms: 120,
  matches: confidences.map((confidence, i) => ({ external_id: `x${i}`, title: `Song ${i}`, artist: null, confidence, offset_s: 6 })),
});

describe('identify output for a person', () => {
  it("says confidence in the app's words, never rounds it up to certainty, and hides runner-ups that mean nothing", () => {
    const out = identifyText(line([0.99996, 0.2, 0.0]));
    expect(out).toContain('"Song 0"  Certain (0.9999)  at 6.0 s');
    expect(out).not.toContain('Song 1');
    expect(out).not.toContain('0.000');
    expect(identifyText(line([0.9995]))).toContain('Very sure (0.9995)');
    expect(identifyText(line([0.9995, 0.995]))).toContain('"Song 1"  Fairly sure (0.9950)');
  });
});
