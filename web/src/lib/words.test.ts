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
  expect(offlineSyncWords(2, 0, 'en')).toBe('2 songs you heard offline were identified.');
  expect(offlineSyncWords(1, 1, 'en')).toBe('1 song you heard offline was identified; 1 recording could not be named.');
  expect(offlineSyncWords(0, 3, 'en')).toBe('3 recordings could not be named (not in the catalog, or too noisy).');
  expect(offlineSyncWords(2, 0, 'fr')).toBe('2 morceaux entendus hors ligne ont été identifiés.');
  expect(offlineSyncWords(1, 1, 'fr')).toBe('1 morceau entendu hors ligne a été identifié; 1 enregistrement n’a pas pu être nommé.');
  expect(offlineSyncWords(0, 1, 'fr')).toBe('1 enregistrement n’a pas pu être nommé (absent du catalogue, ou trop de bruit).');
});
