import { describe, expect, it } from 'vitest';
import type { ExternalRecording, IdentifyMatch } from './api-types';
import { externalMatch, namedTrack } from './external-match';

const recording: ExternalRecording = {
  title: 'Standin Song', artist: 'Someone', album: 'Record', acrid: 'x', score: 90, offset_s: 12, duration_s: 200,
  label: null, release_date: '1999-05-01', isrc: 'GBAYE9900001', upc: null,
};
const local: IdentifyMatch = {
  track: { id: 7, external_id: 'ext-7', title: 'Standin Song', artist: 'Someone', album: null, isrc: null, year: 2001 },
  confidence: 0.5, offset_s: 3, speed: 1,
};

describe('namedTrack', () => {
  it('is no catalog track when only ACRCloud named it, with the release year', () => {
    expect(namedTrack('acrcloud', recording, local)).toEqual({
      id: 0, external_id: null, title: 'Standin Song', artist: 'Someone', album: 'Record', isrc: 'GBAYE9900001', year: 1999,
    });
  });
  it('is the catalog track when both named it', () => {
    expect(namedTrack('hybrid', recording, local)).toMatchObject({ id: 7, external_id: 'ext-7', year: 2001, album: 'Record' });
  });
  it('has no year without a readable release date', () => {
    expect(namedTrack('acrcloud', { ...recording, release_date: null }, null).year).toBeNull();
    expect(namedTrack('acrcloud', { ...recording, release_date: 'unknown' }, null).year).toBeNull();
  });
});

describe('externalMatch', () => {
  it("carries ACRCloud's score and offset where a match has confidence and offset", () => {
    expect(externalMatch('acrcloud', recording, null)).toMatchObject({ confidence: 0.9, offset_s: 12, speed: 1 });
    expect(externalMatch('acrcloud', { ...recording, score: null, offset_s: null }, null)).toMatchObject({ confidence: 0, offset_s: 0 });
  });
});
