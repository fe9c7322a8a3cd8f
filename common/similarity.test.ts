import { describe, expect, it } from 'vitest';
import { BALANCE_BASS_DB, BALANCE_TREBLE_DB, sameAudio, similarityClass, type AudioSignature } from './similarity';

const base: AudioSignature = { sha1: 'a', sampleRate: 44100, channels: 2, durationS: 60, rmsDbfs: -18, levels: [-55, -20, -18, -17, -60], bands: new Float32Array() };
const other = (levels: number[], rest: Partial<AudioSignature> = {}) => ({ ...base, sha1: 'b', levels, ...rest });

describe('sameAudio', () => {
  it("takes another decoder's rounding for the same audio", () => {
    expect(sameAudio(base, other(base.levels.map((l) => l + 2e-6), { rmsDbfs: -18 + 1e-6 }), 0.999)).toBe(true);
  });

  it('refuses a fade over a near-silent edge though the whole-file level agrees', () => {
    expect(sameAudio(base, other([-58, -20, -18, -17, -63]), 0.999)).toBe(false);
  });

  it('lets inaudible seconds differ (below -70 dBFS), and digital silence equal itself', () => {
    const quiet = { ...base, levels: [-Infinity, -20, -18, -17, -80] };
    expect(sameAudio(quiet, other([-Infinity, -20, -18, -17, -90]), 0.999)).toBe(true);
    expect(sameAudio(quiet, other([-50, -20, -18, -17, -80]), 0.999)).toBe(false);
  });

  it('needs nearly every hash, the same format and length, and equal PCM needs nothing else', () => {
    expect(sameAudio(base, other(base.levels), 0.99)).toBe(false);
    expect(sameAudio(base, other(base.levels, { channels: 1 }), 0.999)).toBe(false);
    expect(sameAudio(base, other(base.levels.slice(0, 3)), 0.999)).toBe(false);
    expect(sameAudio(base, { ...base, levels: [] }, 0)).toBe(true);
  });
});

describe('similarityClass', () => {
  const whole = { share: 0.7, coverageA: 0.98, coverageB: 0.97, speed: 1, pitch: 1 };

  it('calls a whole, aligned copy whose balance moved a related version (a remaster), and one that kept it the same recording', () => {
    expect(similarityClass({ ...whole, balance: { bassDb: 0.1, trebleDb: -1.2 } })).toBe('same_recording');
    expect(similarityClass({ ...whole, balance: { bassDb: -(BALANCE_BASS_DB + 0.1), trebleDb: 0 } })).toBe('related_version');
    expect(similarityClass({ ...whole, balance: { bassDb: 0, trebleDb: BALANCE_TREBLE_DB + 0.1 } })).toBe('related_version');
    // the catalog knows no balance
    expect(similarityClass(whole)).toBe('same_recording');
  });
});
