import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../engine';
import { loadEngineModule } from '../node';
import { addNoise, heardSteps, levels, rng, speedChange, synthSong } from '../../testing/index';
import { queryEnvelope } from '../envelope/index';
import { defaultVerifyOptions } from './verify';
import { MemoryIndex } from './memory-index';
import { defaultMatchOptions, envelopePool, match } from './match';
import { confidenceOf, logPoissonTail } from './confidence';
import { widenTimeGaps } from './widen';
import { EXTRA_FLAG, hypothesisOf, VARIANT_FLAG } from '../hash';
import type { HashBatch } from '../types';
import type { HashIndex } from './types';

const RATE = 22050;
const SONGS = 12;
let module: WebAssembly.Module;
const index = new MemoryIndex();
const songs: Float32Array[] = [];

async function query(x: Float32Array) {
  const q = await fingerprint(module, x, { sampleRate: RATE, preset: 'query' });
  return match(index, q.hashes);
}

function clip(song: Float32Array, startS: number, seconds: number): Float32Array {
  return song.slice(Math.round(startS * RATE), Math.round((startS + seconds) * RATE));
}

beforeAll(async () => {
  module = await loadEngineModule();
  for (let s = 0; s < SONGS; s++) {
    const song = synthSong(100 + s, 40, RATE);
    songs.push(song);
    const r = await fingerprint(module, song, { sampleRate: RATE, preset: 'index' });
    index.add(s, r.hashes.hash, r.hashes.t, r.frames);
  }
});

describe('matcher', () => {
  it('finds a clean clip and where it starts', async () => {
    const m = await query(clip(songs[3], 12.3, 5));
    expect(m.status).toBe('match');
    expect(m.candidates[0].track).toBe(3);
    expect(m.candidates[0].offset * 0.016).toBeCloseTo(12.3, 0);
    expect(m.candidates[0].confidence).toBeGreaterThan(0.995);
  });

  it('finds a clip in white noise at 5 dB SNR', async () => {
    const m = await query(addNoise(clip(songs[5], 20, 5), 5));
    expect(m.status).toBe('match');
    expect(m.candidates[0].track).toBe(5);
  });

  for (const speed of [0.95, 0.97, 1.03, 1.05]) {
    it(`finds a clip played at ${speed}x speed`, async () => {
      const m = await query(speedChange(clip(songs[7], 10, 8 * speed), speed));
      expect(m.status).toBe('match');
      expect(m.candidates[0].track).toBe(7);
      expect(m.candidates[0].hyp).toBeGreaterThan(0);
      // the candidate says how it was played, the grid's step (1 %) away at most
      expect(Math.abs(m.candidates[0].speed - speed)).toBeLessThanOrEqual(0.011);
      expect(Math.abs(m.candidates[0].pitch - speed)).toBeLessThanOrEqual(0.011);
    });
  }

  it('finds a clip pitch-shifted by a semitone', async () => {
    const shifted = synthSong(100 + 9, 40, RATE, Math.pow(2, 1 / 12));
    const m = await query(clip(shifted, 15, 8));
    expect(m.status).toBe('match');
    expect(m.candidates[0].track).toBe(9);
  });

  it('says "no match" for a song that is not indexed', async () => {
    for (const seed of [900, 901, 902]) {
      const m = await query(clip(synthSong(seed, 20, RATE), 5, 8));
      expect(m.status).toBe('no_match');
    }
  });

  it('answers from the records\' own cells when they settle it, and otherwise as if they had not been asked', async () => {
    const unflagged = (q: HashBatch): HashBatch => ({ ...q, hyp: q.hyp.map((y) => y & ~VARIANT_FLAG) });
    const clips = [clip(songs[2], 8, 5), addNoise(clip(songs[4], 3, 3), 0), addNoise(clip(songs[6], 14, 5), -3), speedChange(clip(songs[8], 10, 6), 1.04)];
    let settled = 0;
    for (const x of clips) {
      const q = (await fingerprint(module, x, { sampleRate: RATE, preset: 'query' })).hashes;
      // all the own cells in one look (the first share has a test of its own)
      const own = await match(index, q, { firstShare: 0 });
      const all = await match(index, unflagged(q));
      if (own.stats.passes === 1 && all.stats.passes === 1) {
        // the own cells alone: a third of the as-heard lookups, the same track at the same offset
        settled++;
        expect(own.candidates[0].confidence).toBeGreaterThanOrEqual(0.9999);
        expect(own.stats.hashes).toBeLessThan(all.stats.hashes / 2);
        expect([own.candidates[0].track, own.candidates[0].offset]).toEqual([all.candidates[0].track, all.candidates[0].offset]);
      } else {
        expect(own.stats.passes).toBe(all.stats.passes + 1);
        expect(own.candidates).toEqual(all.candidates);
      }
    }
    // both ways were taken
    expect(settled).toBeGreaterThan(0);
    expect(settled).toBeLessThan(clips.length);
  });

  it('says "no match" for noise and silence', async () => {
    expect((await query(addNoise(new Float32Array(RATE * 5), 0))).status).toBe('no_match');
    expect((await query(new Float32Array(RATE * 5))).status).toBe('no_match');
  });
});

describe('Poisson tail', () => {
  it('agrees with a direct sum', () => {
    for (const [k, l] of [[3, 0.5], [8, 2], [1, 0.01], [20, 0.3]]) {
      let cdf = 0;
      let term = Math.exp(-l);
      for (let i = 0; i < k; i++) {
        cdf += term;
        term *= l / (i + 1);
      }
      const direct = 1 - cdf;
      if (direct > 1e-12) expect(Math.exp(logPoissonTail(k, l)) / direct).toBeCloseTo(1, 6);
      else expect(logPoissonTail(k, l)).toBeLessThan(Math.log(1e-11));
    }
  });
});

describe('confidence over hypotheses', () => {
  it('adds up the chance of every hypothesis, each with its own lambda', () => {
    const dense = { lambda: 0.05, cells: 1e6 };
    const sparse = { lambda: 0.01, cells: 1e6 };
    const both = confidenceOf(6, [dense, sparse], 4);
    const expected = 1e6 * (Math.exp(logPoissonTail(6, 0.2)) + Math.exp(logPoissonTail(6, 0.04)));
    expect(both).toBeCloseTo(Math.exp(-expected), 12);
    // a candidate of the sparse hypothesis still faces the dense one's chance
    expect(both).toBeLessThan(confidenceOf(6, [sparse, sparse], 4));
    expect(both).toBeGreaterThan(confidenceOf(6, [dense, dense], 4));
  });
});

describe('matcher on a tiny catalog', () => {
  // Four songs: too few tracks for a chance sample by track, so chance is sampled by
  // short blocks of offsets in the other songs.
  it('keeps chance below the bar with four songs indexed', async () => {
    const small = new MemoryIndex();
    for (let s = 0; s < 4; s++) {
      const r = await fingerprint(module, synthSong(500 + s, 20, RATE), { sampleRate: RATE, preset: 'index' });
      small.add(s, r.hashes.hash, r.hashes.t, r.frames);
    }
    let wrong = 0;
    for (let seed = 600; seed < 640; seed++) {
      const q = await fingerprint(module, synthSong(seed, 8, RATE), { sampleRate: RATE, preset: 'query' });
      if ((await match(small, q.hashes)).status === 'match') wrong++;
    }
    expect(wrong).toBe(0);
    const q = await fingerprint(module, addNoise(clip(synthSong(502, 20, RATE), 9, 5), 10), { sampleRate: RATE, preset: 'query' });
    const m = await match(small, q.hashes);
    expect(m.status).toBe('match');
    expect(m.candidates[0].track).toBe(2);
  });
});

describe('matcher passes, on hand-made hash records', () => {
  // Hash records made by hand: track 0 is heard as is (hypothesis 0), track 1 only under
  // hypothesis 3, as a pitch-shifted song can half-match another song as heard.
  const TRACKS = 40;
  const PER_TRACK = 4000;
  const random = rng(7);
  const catalog = new MemoryIndex();
  const rows: Uint32Array[] = [];
  for (let s = 0; s < TRACKS; s++) {
    const hash = new Uint32Array(PER_TRACK).map(() => Math.floor(random() * 2 ** 26));
    rows.push(hash);
    catalog.add(s, hash, Int32Array.from({ length: PER_TRACK }, (_, i) => i), PER_TRACK);
  }
  /** `n` records of `track`'s hashes from index frame 1000 on, heard at frames 0.. */
  const heard = (track: number, n: number, hyp: number) =>
    Array.from({ length: n }, (_, i) => ({ hash: rows[track][1000 + 3 * i], t: 3 * i, hyp }));
  const batch = (records: { hash: number; t: number; hyp: number }[]) => ({
    hash: Uint32Array.from(records, (r) => r.hash),
    t: Int32Array.from(records, (r) => r.t),
    hyp: Uint8Array.from(records, (r) => r.hyp),
  });

  it('takes the full search when it confidently names another track', async () => {
    const q = batch([...heard(0, 12, 0), ...heard(1, 60, 3)]);
    const asHeard = await match(catalog, q, { hypotheses: 'none' });
    expect(asHeard.candidates[0].track).toBe(0);
    expect(asHeard.status).toBe('match');
    const settled = await match(catalog, q, { settleBelow: 2 });
    expect(settled.stats.passes).toBe(2);
    expect(settled.candidates[0].track).toBe(1);
    expect(settled.candidates[0].hyp).toBe(3);
    // a strong as-heard answer is not searched again
    expect((await match(catalog, q, { settleBelow: asHeard.candidates[0].confidence })).stats.passes).toBe(1);
  });

  it('keeps the as-heard answer, and its confidence, when the full search agrees', async () => {
    // few votes among random records, so the full search's heavier null lowers confidence
    const filler = Array.from({ length: 2000 }, (_, i) => ({ hash: Math.floor(random() * 2 ** 26), t: i >> 2, hyp: 1 + (i % 16) }));
    const q = batch([...heard(0, 8, 0), ...heard(0, 8, 3), ...filler]);
    const asHeard = await match(catalog, q, { hypotheses: 'none' });
    const settled = await match(catalog, q, { settleBelow: 2 });
    expect(settled.stats.passes).toBe(2);
    expect(settled.status).toBe('match');
    expect(settled.candidates[0].track).toBe(0);
    expect(settled.candidates[0].confidence).toBe(asHeard.candidates[0].confidence);
    expect((await match(catalog, q, { hypotheses: 'all' })).candidates[0].confidence).toBeLessThan(asHeard.candidates[0].confidence);
  });

  it('finds a query whose time gaps moved by a frame or two, as in a reverberant room', async () => {
    // track 2 heard with every time gap off by 1 or 2 frames and anchors off by up to one;
    // few votes, so that the confidence is short of 1 and its correction shows
    const moved = heard(2, 8, 0).map((r, i) => {
      const d = [1, -1, 2, -2][i % 4];
      const dt = r.hash & 0xff;
      return { ...r, hash: dt + d >= 1 && dt + d <= 255 ? r.hash + d : r.hash, t: r.t + ((i % 3) - 1) };
    });
    const q = batch(moved);
    const strict = await match(catalog, q, { tolerance: 0 });
    expect(strict.status).toBe('no_match');
    const tolerant = await match(catalog, q);
    expect(tolerant.stats.passes).toBe(2);
    expect(tolerant.status).toBe('match');
    expect(tolerant.candidates[0].track).toBe(2);
    expect(Math.abs(tolerant.candidates[0].offset - 1000)).toBeLessThanOrEqual(1);
    // two looks (passes), each of its 5 time gaps a look of its own: chance counts 10 times
    const alone = await match(catalog, widenTimeGaps(q, 2), { hypotheses: 'none', tolerance: 0, jitter: 2 });
    expect(tolerant.candidates[0].confidence).toBeCloseTo(1 - 10 * (1 - alone.candidates[0].confidence), 12);
  });

  describe("a tolerant answer the envelope searches (verify.ts widenedStands)", () => {
    // the room test's query, with two unaligned records of each of 9 other tracks, so the
    // envelope has a chance sample to weigh its pick against
    const others = [5, 6, 7, 8, 9, 10, 11, 12, 13];
    const records = [
      ...heard(2, 8, 0).map((r, i) => ({ ...r, hash: r.hash + [1, -1, 2, -2][i % 4], t: r.t + ((i % 3) - 1) })),
      ...others.flatMap((s) => [0, 1].map((k) => ({ hash: rows[s][2000 + 7 * k], t: 40 + 11 * k, hyp: 0 }))),
    ];
    const withEnvelopes: HashIndex = {
      lookup: (h) => catalog.lookup(h),
      size: () => catalog.size(),
      envelopes: (tracks) => new Map(tracks.map((t) => [t, levels(300 + t)])),
    };
    const heardOf = (track: number) => queryEnvelope(heardSteps(levels(300 + track), 30, 20, track));
    let hashesConfidence = 0;
    beforeAll(async () => {
      hashesConfidence = (await match(withEnvelopes, batch(records))).candidates[0].confidence;
    });

    it('stands where the envelope picks its track too', async () => {
      const m = await match(withEnvelopes, batch(records), {}, heardOf(2));
      expect(m.status).toBe('match');
      expect(m.evidence).toBe('hashes');
      expect(m.candidates[0].track).toBe(2);
      expect(m.candidates[0].confidence).toBeLessThan(defaultVerifyOptions.widenedStands);
      expect(m.envelope?.track).toBe(2);
    });

    it('is withdrawn where the envelope picks another track', async () => {
      expect(hashesConfidence).toBeGreaterThan(defaultMatchOptions.threshold);
      const m = await match(withEnvelopes, batch(records), {}, heardOf(6));
      expect(m.envelope?.track).toBe(6);
      // nor is the envelope's pick named: the hashes' anchors are not where it places the clip
      expect(m.status).toBe('no_match');
      expect(m.candidates[0].track).not.toBe(6);
    });

    it('is not searched at or above widenedStands', async () => {
      const m = await match(withEnvelopes, batch(records), { verify: { widenedStands: hashesConfidence - 1e-9 } }, heardOf(6));
      expect(m.status).toBe('match');
      expect(m.candidates[0].track).toBe(2);
      expect(m.envelope).toBeNull();
    });
  });

  // fuzz variants (flagged, as the query extractor makes them) send the matcher to the own cells first
  const withVariants = (records: { hash: number; t: number; hyp: number }[]) =>
    batch([...records, ...records.map((r) => ({ ...r, hash: r.hash ^ 1, hyp: r.hyp | VARIANT_FLAG }))]);

  it('reads a share of the own cells first and stops there when it settles', async () => {
    const q = withVariants(heard(5, 40, 0));
    const whole = await match(catalog, q, { firstShare: 0 });
    const first = await match(catalog, q, { firstLookFrom: 40 });
    // fewer own records than firstLookFrom: one look
    expect((await match(catalog, q, { firstLookFrom: 41 })).stats.hashes).toBe(40);
    expect(first.status).toBe('match');
    expect(first.candidates[0].track).toBe(5);
    expect(first.stats.passes).toBe(1);
    expect(whole.stats.passes).toBe(1);
    // half the hash space, give or take the sample: 40 records
    expect(first.stats.hashes).toBeGreaterThan(8);
    expect(first.stats.hashes).toBeLessThan(32);
    expect(whole.stats.hashes).toBe(40);
  });

  it('reads the rest of the own cells when the first share does not settle, and counts both looks', async () => {
    const q = withVariants(heard(6, 9, 0));
    const own = (await match(catalog, q, { firstShare: 0, settleBelow: 0 })).candidates[0];
    expect(own.track).toBe(6);
    expect(own.confidence).toBeLessThan(1);
    const settled = await match(catalog, q, { settleBelow: own.confidence, firstLookFrom: 0 });
    expect(settled.stats.passes).toBe(2);
    expect(settled.candidates[0].track).toBe(6);
    expect(settled.candidates[0].confidence).toBeCloseTo(1 - 2 * (1 - own.confidence), 12);
  });

  describe("the extra peaks' pairs", () => {
    /** The hashes each lookup asked for, in order. */
    const spied = () => {
      const asked: Uint32Array[] = [];
      const spy: HashIndex = { lookup: (h) => (asked.push(h), catalog.lookup(h)), size: () => catalog.size() };
      return { spy, asked };
    };
    // 4 kept records cannot answer (minScore 5); the extra ones hold the track
    const kept = heard(7, 4, 0);
    const extra = heard(7, 40, 0).slice(4).map((r) => ({ ...r, hyp: EXTRA_FLAG }));

    it('answer when the kept pairs do not, at settleBelow, paying for the looks before', async () => {
      const q = batch([...kept, ...extra]);
      expect((await match(catalog, batch(kept))).status).toBe('no_match');
      const m = await match(catalog, q, { hypotheses: 'none' });
      expect(m.status).toBe('match');
      expect(m.candidates[0].track).toBe(7);
      expect(m.stats.passes).toBe(2);
      const alone = await match(catalog, { ...q, hyp: q.hyp.map(hypothesisOf) }, { hypotheses: 'none', tolerance: 0 });
      expect(m.candidates[0].confidence).toBeCloseTo(1 - 2 * (1 - alone.candidates[0].confidence), 12);
      // under settleBelow the answer does not stand, and the widened pass follows
      const strict = await match(catalog, q, { hypotheses: 'none', settleBelow: 2 });
      expect(strict.status).toBe('no_match');
      expect(strict.stats.passes).toBe(3);
    });

    it('are not read by the passes before theirs, nor widened', async () => {
      const { spy, asked } = spied();
      await match(spy, batch([...kept, ...extra]), { hypotheses: 'none', settleBelow: 2 });
      const extraHashes = new Set(extra.map((r) => r.hash));
      const [asHeard, withExtras, widened] = asked;
      expect(asked).toHaveLength(3);
      expect([...asHeard].filter((h) => extraHashes.has(h))).toEqual([]);
      expect([...withExtras].filter((h) => extraHashes.has(h))).toHaveLength(extraHashes.size);
      // the widened pass: the kept records' gaps +-2, none of an extra record's
      expect(widened.length).toBe(5 * kept.length);
      const near = (h: number) => [-2, -1, 0, 1, 2].some((d) => extraHashes.has(h + d));
      expect([...widened].filter(near)).toEqual([]);
    });
  });

  it('does not widen a query that is answered as heard', async () => {
    const m = await match(catalog, batch(heard(4, 40, 0)));
    expect(m.status).toBe('match');
    expect(m.stats.passes).toBe(1);
  });
});

describe("the envelope's candidates", () => {
  const list = (...tracks: number[]) => tracks.map((track) => ({ track, score: 1, confidence: 0, offset: 0, hyp: 0, speed: 1, pitch: 1 }));

  it("take every pass's tracks rank by rank, the answer's first, each once, up to the count", () => {
    expect(envelopePool([list(1, 2, 3), list(4, 1, 5), list(6)], 10)).toEqual([1, 4, 6, 2, 3, 5]);
    expect(envelopePool([list(1, 2, 3), list(4, 1, 5), list(6)], 4)).toEqual([1, 4, 6, 2]);
    expect(envelopePool([list(), list(7)], 3)).toEqual([7]);
  });
});
