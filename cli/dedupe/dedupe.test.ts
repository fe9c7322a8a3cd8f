import { describe, expect, it } from 'vitest';
import { fingerprint, MemoryIndex } from '../../dsp/src/index';
import { loadEngineModule } from '../../dsp/src/node';
import { addNoise, synthSong } from '../../dsp/src/synth';
import { Clusters } from './clusters';
import { sampleRecords, samplingFor } from './sample';
import { similarTracks } from './similarity';

const RATE = 22050;

async function clustersOf(signals: Float32Array[], every: number) {
  const module = await loadEngineModule();
  const index = new MemoryIndex();
  const records = [];
  for (const [i, x] of signals.entries()) {
    const { hashes, frames } = await fingerprint(module, x, { sampleRate: RATE, preset: 'index' });
    const r = sampleRecords(hashes.hash, hashes.t, every);
    index.add(i, r.hash, r.t, frames);
    records.push(r);
  }
  const clusters = new Clusters();
  for (const [i, r] of records.entries()) {
    for (const s of await similarTracks(index, i, r.hash, r.t)) clusters.link({ a: i, b: s.track, similarity: s.similarity, class: s.class });
  }
  return clusters.list();
}

describe('dedupe', () => {
  const song = synthSong(31, 40, RATE);
  const signals = [
    song,
    Float32Array.from(song), // a byte-identical copy
    addNoise(song, 5), // the same recording, heavily degraded
    song.slice(10 * RATE, 25 * RATE), // an excerpt
    synthSong(32, 40, RATE), // another song
    synthSong(33, 40, RATE),
  ];

  it('clusters copies, degraded copies and excerpts, with classes, and leaves other songs alone', async () => {
    const [cluster, ...rest] = await clustersOf(signals, 1);
    expect(rest).toEqual([]);
    expect(cluster.members).toEqual([0, 1, 2, 3]);
    const pair = (a: number, b: number) => cluster.pairs.find((p) => p.a === a && p.b === b)!;
    expect(pair(0, 1)).toMatchObject({ similarity: 1, class: 'identical' });
    expect(pair(0, 3).class).toBe('identical'); // all of the excerpt is in the song
    expect(pair(0, 2).similarity).toBeLessThan(0.95);
    expect(pair(0, 2).similarity).toBeGreaterThanOrEqual(0.6);
  });

  it('finds the same clusters on a 1-in-8 sample of the hashes, as for a large library', async () => {
    expect(samplingFor(100)).toBe(1);
    expect(samplingFor(10_000)).toBe(16);
    const full = await clustersOf(signals, 1);
    const sampled = await clustersOf(signals, 8);
    expect(sampled.map((c) => c.members)).toEqual(full.map((c) => c.members));
    const sim = (list: typeof full) => list[0].pairs.find((p) => p.a === 0 && p.b === 2)!.similarity;
    expect(Math.abs(sim(sampled) - sim(full))).toBeLessThan(0.1);
  });
});
