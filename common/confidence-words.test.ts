import { describe, expect, it } from 'vitest';
import { confidenceFigure, confidenceWords, MEANINGFUL_CONFIDENCE } from './confidence-words';

describe('confidence words', () => {
  it('says the same bins in every language, English by default', () => {
    const levels = [0.99999, 0.9995, 0.995, 0.5];
    expect(levels.map((c) => confidenceWords(c))).toEqual(['Certain', 'Very sure', 'Fairly sure', 'Not sure']);
    expect(levels.map((c) => confidenceWords(c, 'fr'))).toEqual(['Certain', 'Très sûr', 'Plutôt sûr', 'Pas sûr']);
  });
  it('puts a bin edge in the bin above it', () => {
    expect(confidenceWords(MEANINGFUL_CONFIDENCE)).toBe('Fairly sure');
    expect(confidenceWords(0.999)).toBe('Very sure');
  });
  it('never rounds the figure up', () => {
    expect(confidenceFigure(0.99996)).toBe('0.9999');
  });
});
