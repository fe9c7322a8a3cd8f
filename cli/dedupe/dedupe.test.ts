import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { fingerprint, presets, type EngineConfig } from '../../dsp/src/index';
import { pcm16, SecondBands, SecondLevels } from '../../dsp/src/index';
import { loadEngineModule } from '../../dsp/src/node';
import { addNoise, bassBoost, speedChange, synthSong } from '../../dsp/testing/index';
import { Clusters } from './clusters';
import { Library, WITH_HYPOTHESES } from './library';
import { samplingFor } from './sample';

const RATE = 22050;

function signature(x: Float32Array) {
  let p = 0;
  for (const v of x) p += v * v;
  const rmsDbfs = 10 * Math.log10(p / x.length);
  const levels = new SecondLevels(RATE);
  levels.push(x);
  const bands = new SecondBands(RATE, 1);
  bands.push(x);
  return { sha1: createHash('sha1').update(pcm16(x)).digest('hex'), sampleRate: RATE, channels: 1, durationS: x.length / RATE, rmsDbfs, levels: levels.finish(), bands: bands.finish() };
}

async function clustersOf(signals: Float32Array[], every: number) {
  const module = await loadEngineModule();
  const library = new Library(every);
  const config = { ...presets.index, ...WITH_HYPOTHESES } as EngineConfig;
  for (const [i, x] of signals.entries()) {
    const { hashes, frames } = await fingerprint(module, x, { sampleRate: RATE, config });
    library.add(i, hashes, frames, signature(x));
  }
  const clusters = new Clusters();
  for (let i = 0; i < signals.length; i++) {
    for (const { track, ...s } of await library.similar(i)) clusters.link({ a: i, b: track, ...s });
  }
  return clusters.list();
}

describe('dedupe', () => {
  const song = synthSong(31, 60, RATE);
  const signals = [
    song,
    Float32Array.from(song), // a byte-identical copy
    addNoise(song, 20), // the same recording, a noisy copy
    song.map((v) => v * 0.5), // quieter: the same recording, other PCM
    song.slice(15 * RATE, 35 * RATE), // an excerpt
    speedChange(song, 1.04), // a sped-up upload
    song.map((v, i) => v + ((i * 7919) % 3 === 0 ? 1 / 32767 : 0)), // another decoder's rounding
    bassBoost(song, 6, RATE), // a remaster: the same recording, the balance moved
    synthSong(32, 60, RATE), // another song
    synthSong(33, 60, RATE),
  ];
  // a song that starts and ends near silence (-40 dB under the song), and that song with those edges faded:
  // the whole-file level moves by millionths of a dB, the faded seconds by several dB
  const quietEdges = song.map((v, i) => (i < 3 * RATE || i >= 57 * RATE ? v * 0.01 : v));
  const faded = quietEdges.map((v, i) => v * Math.min(1, i / (3 * RATE), (quietEdges.length - i) / (3 * RATE)));

  it('classes copies, degraded copies, excerpts and speed changes, and leaves other songs alone', async () => {
    const [cluster, ...rest] = await clustersOf(signals, 1);
    expect(rest).toEqual([]);
    expect(cluster.members).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const pair = (a: number, b: number) => cluster.pairs.find((p) => p.a === a && p.b === b)!;
    expect(pair(0, 1)).toMatchObject({ similarity: 1, class: 'identical', coverage: [1, 1], speed: 1 });
    expect(pair(0, 2).class).toBe('same_recording');
    expect(pair(0, 2).similarity).toBeLessThan(0.95);
    // the same fingerprint, not the same PCM
    expect(pair(0, 3)).toMatchObject({ class: 'same_recording', coverage: [1, 1] });
    expect(pair(0, 3).similarity).toBeGreaterThan(0.95);
    // the excerpt is wholly in the song, a third of the song in the excerpt
    expect(pair(0, 4).class).toBe('related_version');
    expect(pair(0, 4).coverage[0]).toBeLessThan(0.5);
    expect(pair(0, 4).coverage[1]).toBeGreaterThan(0.9);
    expect(pair(0, 5)).toMatchObject({ class: 'related_version' });
    expect(Math.abs(pair(0, 5).speed - 1 / 1.04)).toBeLessThan(0.005);
    // other PCM, but differences below audibility
    expect(pair(0, 6).class).toBe('identical');
    // aligned end to end as a codec's copy is, but the bass 6 dB up
    expect(pair(0, 7)).toMatchObject({ class: 'related_version', coverage: [1, 1], speed: 1 });
    expect(pair(0, 7).balance.bassDb).toBeLessThan(-3);
  });

  it('tells a fade over near-silent edges from the same audio: same_recording, not identical', async () => {
    const [cluster] = await clustersOf([quietEdges, faded], 1);
    expect(cluster.pairs).toHaveLength(1);
    expect(cluster.pairs[0].class).toBe('same_recording');
  });

  it('finds the same clusters and classes on a 1-in-8 sample of the hashes, as for a large library', async () => {
    expect(samplingFor(100)).toBe(1);
    expect(samplingFor(10_000)).toBe(16);
    const full = await clustersOf(signals, 1);
    const sampled = await clustersOf(signals, 8);
    expect(sampled.map((c) => c.members)).toEqual(full.map((c) => c.members));
    const classes = (list: typeof full) => list[0].pairs.map((p) => `${p.a}-${p.b} ${p.class}`).sort();
    expect(classes(sampled)).toEqual(classes(full));
  });
});
