// Calibration: chance must not look like a match, whatever the query length and the
// catalog size, while a real match keeps its confidence. Catalogs of random landmarks
// at the engine's index density (29 hashes/s over a 26-bit space) stand in for music
// here; real negatives are covered by the dev-suite benchmark.
import { describe, expect, it } from 'vitest';
import { rng } from '../../testing/synth';
import type { HashBatch } from '../types';
import { match } from './match';
import { MemoryIndex } from './memory-index';

const HASHES_PER_S = 29;
const FRAMES_PER_S = 62.5;
const TRACK_S = 240;
// hashes of real music are far from uniform: draw them from a small popular set half the time
const POPULAR = 1 << 14;

function randomHash(r: () => number): number {
  return r() < 0.5 ? Math.floor(r() * POPULAR) : Math.floor(r() * 2 ** 26);
}

function catalog(tracks: number, seed: number): { index: MemoryIndex; first: { hash: Uint32Array; t: Int32Array } } {
  const r = rng(seed);
  const index = new MemoryIndex();
  let first = { hash: new Uint32Array(0), t: new Int32Array(0) };
  for (let k = 0; k < tracks; k++) {
    const n = HASHES_PER_S * TRACK_S;
    const hash = new Uint32Array(n);
    const t = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      hash[i] = randomHash(r);
      t[i] = Math.floor((i / n) * TRACK_S * FRAMES_PER_S);
    }
    if (k === 0) first = { hash, t };
    index.add(k, hash, t, TRACK_S * FRAMES_PER_S);
  }
  return { index, first };
}

/** A query of `seconds` whose records are chance (density of the query preset, ~5x the index). */
function chanceQuery(seconds: number, r: () => number): HashBatch {
  const n = Math.round(seconds * HASHES_PER_S * 5);
  const hash = new Uint32Array(n);
  const t = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    hash[i] = randomHash(r);
    t[i] = Math.floor((i / n) * seconds * FRAMES_PER_S);
  }
  return { hash, t, hyp: new Uint8Array(n) };
}

describe('confidence calibration', () => {
  for (const tracks of [100, 1000]) {
    const { index, first } = catalog(tracks, tracks);
    for (const seconds of [3, 15]) {
      it(`keeps chance below the bar: ${tracks} tracks, ${seconds} s queries`, async () => {
        const r = rng(seconds * 7 + tracks);
        let matches = 0;
        for (let q = 0; q < 20; q++) {
          const m = await match(index, chanceQuery(seconds, r), { hypotheses: 'none' });
          if (m.status === 'match') matches++;
        }
        expect(matches).toBe(0);
      });
    }

    it(`finds a real excerpt among chance records: ${tracks} tracks`, async () => {
      const r = rng(5);
      const q = chanceQuery(5, r);
      // 25 of the track's own landmarks, as a noisy capture would keep them, at offset 1000
      const pick = Array.from({ length: 25 }, (_, i) => 1000 * 0 + 5000 + i * 5);
      const hash = Uint32Array.from([...q.hash, ...pick.map((i) => first.hash[i])]);
      const t = Int32Array.from([...q.t, ...pick.map((i) => first.t[i] - first.t[5000])]);
      const m = await match(index, { hash, t, hyp: new Uint8Array(hash.length) }, { hypotheses: 'none' });
      expect(m.status).toBe('match');
      expect(m.candidates[0].track).toBe(0);
    });
  }
});
