import { expect, it } from 'vitest';
import { clock, confidenceWords, offlineSyncWords } from './words';

it('says confidence in words', () => {
  expect(confidenceWords(0.99999)).toBe('Certain');
  expect(confidenceWords(0.9995)).toBe('Very sure');
  expect(confidenceWords(0.995)).toBe('Fairly sure');
  expect(confidenceWords(0.5)).toBe('Not sure');
});

it('formats track positions', () => {
  expect(clock(83.4)).toBe('1:23');
  expect(clock(5)).toBe('0:05');
  expect(clock(-1)).toBe('0:00');
});

it('says what the offline sync did', () => {
  expect(offlineSyncWords(2, 0)).toBe('2 songs you heard offline were identified.');
  expect(offlineSyncWords(1, 1)).toBe('1 song you heard offline was identified; 1 recording could not be named.');
  expect(offlineSyncWords(0, 3)).toBe('3 recordings could not be named (not in the catalog, or too noisy).');
});
