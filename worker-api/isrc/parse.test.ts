import { describe, expect, it } from 'vitest';
import { parseIsrc } from './parse';
import { societyGuess, SOCIETY_BASIS } from './societies';

const now = new Date('2026-12-02T00:00:00Z');

describe('ISRC parsing', () => {
  it('normalises case, hyphens, spaces and a leading "ISRC"', () => {
    for (const input of ['USRC17607839', 'usrc17607839', 'US-RC1-76-07839', 'ISRC US-RC1-76-07839', 'isrc: us rc1 76 07839', '  USRC17607839 ']) {
      expect(parseIsrc(input, now), input).toEqual({
        ok: { isrc: 'USRC17607839', hyphenated: 'US-RC1-76-07839', countryCode: 'US', registrant: 'RC1', year: 1976, designation: '07839' },
      });
    }
    expect(parseIsrc('GBAYE2600012', now)).toMatchObject({ ok: { year: 2026 } });
    expect(parseIsrc('GBAYE2700012', now)).toMatchObject({ ok: { year: 1927 } });
  });

  it('says what is wrong', () => {
    expect(parseIsrc('USRC1760783', now)).toEqual({ problem: 'an ISRC has 12 characters without separators, this has 11' });
    expect(parseIsrc('USRC176078390', now)).toMatchObject({ problem: expect.stringContaining('this has 13') });
    expect(parseIsrc('1SRC17607839', now)).toMatchObject({ problem: expect.stringContaining('country code') });
    expect(parseIsrc('USR_17607839', now)).toMatchObject({ problem: expect.stringContaining('registrant code') });
    expect(parseIsrc('USRC1X607839', now)).toMatchObject({ problem: expect.stringContaining('year') });
    expect(parseIsrc('USRC1760783A', now)).toMatchObject({ problem: expect.stringContaining('designation') });
    expect(parseIsrc('', now)).toMatchObject({ problem: expect.stringContaining('this has 0') });
  });
});

describe('rights-society guess', () => {
  it('comes from the registrant country, aliases included, and says it is a guess', () => {
    expect(societyGuess('GH')).toEqual({ country: { code: 'GH', name: 'Ghana' }, societies: ['GHAMRO'], basis: SOCIETY_BASIS });
    expect(societyGuess('QM').societies).toEqual(['ASCAP', 'BMI', 'SESAC', 'GMR']);
    expect(societyGuess('UK').country).toEqual({ code: 'GB', name: 'United Kingdom' });
    expect(societyGuess('ZZ')).toEqual({ country: { code: 'ZZ', name: null }, societies: [], basis: SOCIETY_BASIS });
    expect(SOCIETY_BASIS).toBe('country of the ISRC registrant; societies license works, not recordings');
  });
});
