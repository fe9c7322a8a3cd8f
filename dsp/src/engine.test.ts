import { describe, expect, it } from 'vitest';
import { EngineError, Fingerprinter, fingerprint } from './engine';
import { concatBatches } from './records';
import { loadEngineModule } from './node';
import { clipProblem } from './verdict';
import { presets } from './config';
import { anchorCell, EXTRA_FLAG, hypothesisOf, stepCell, timeGap, VARIANT_FLAG } from './hash';
import { rng, synthSong } from '../testing/synth';
import type { HashBatch } from './types';

function same(a: HashBatch, b: HashBatch): boolean {
  return a.hash.length === b.hash.length && a.hash.every((v, i) => v === b.hash[i] && a.t[i] === b.t[i] && a.hyp[i] === b.hyp[i]);
}

describe('engine', () => {
  it('is deterministic', async () => {
    const module = await loadEngineModule();
    const song = synthSong(1, 12);
    const a = await fingerprint(module, song, { sampleRate: 44100, preset: 'query' });
    const b = await fingerprint(module, song, { sampleRate: 44100, preset: 'query' });
    expect(a.hashes.hash.length).toBeGreaterThan(1000);
    expect(same(a.hashes, b.hashes)).toBe(true);
  });

  it('flags fuzz variants, each after its record and in a neighbour cell, on the query side only', async () => {
    const module = await loadEngineModule();
    const song = synthSong(4, 10);
    const index = (await fingerprint(module, song, { sampleRate: 44100, preset: 'index' })).hashes;
    expect(index.hyp.every((y) => y < VARIANT_FLAG)).toBe(true);
    const q = (await fingerprint(module, song, { sampleRate: 44100, preset: 'query' })).hashes;
    let own = -1;
    let variants = 0;
    for (let i = 0; i < q.hash.length; i++) {
      if (q.hyp[i] < VARIANT_FLAG) {
        own = i;
        continue;
      }
      variants++;
      // same anchor and hypothesis as the record it follows, each field at most a cell away
      expect(own).toBeGreaterThanOrEqual(0);
      expect([q.t[i], q.hyp[i] & ~VARIANT_FLAG]).toEqual([q.t[own], q.hyp[own]]);
      const moved = [anchorCell, stepCell, timeGap].map((field) => field(q.hash[i]) - field(q.hash[own]));
      expect(moved.every((d) => Math.abs(d) <= 1) && moved.some((d) => d !== 0)).toBe(true);
    }
    // a value sits within the fuzz of a cell edge about half the time in each field
    expect(variants / (q.hash.length - variants)).toBeGreaterThan(0.5);
  });

  it("adds the extra peaks' pairs to the records it would make without them, flagged and as heard", async () => {
    const module = await loadEngineModule();
    const song = synthSong(6, 10);
    const records = (b: HashBatch, keep: (y: number) => boolean) =>
      Array.from(b.hash.keys(), (i) => [b.hash[i], b.t[i], b.hyp[i]])
        .filter(([, , y]) => keep(y))
        .map((r) => r.join(':'))
        .sort();
    const q = (await fingerprint(module, song, { sampleRate: 44100, preset: 'query' })).hashes;
    const without = (await fingerprint(module, song, { sampleRate: 44100, config: { ...presets.query, extraKeep: 0 } })).hashes;
    expect(records(q, (y) => (y & EXTRA_FLAG) === 0)).toEqual(records(without, () => true));
    const extra = records(q, (y) => (y & EXTRA_FLAG) !== 0);
    expect(extra.length).toBeGreaterThan(0.05 * q.hash.length);
    expect(extra.every((r) => hypothesisOf(Number(r.split(':')[2])) === 0)).toBe(true);
    const index = (await fingerprint(module, song, { sampleRate: 44100, preset: 'index' })).hashes;
    expect(index.hyp.every((y) => (y & EXTRA_FLAG) === 0)).toBe(true);
  });

  it('gives the same hashes whatever the chunking', async () => {
    const module = await loadEngineModule();
    const song = synthSong(2, 10);
    const whole = await fingerprint(module, song, { sampleRate: 44100, preset: 'index' });
    const fp = await Fingerprinter.create(module, { sampleRate: 44100, preset: 'index' });
    const r = rng(5);
    const parts: HashBatch[] = [];
    for (let o = 0; o < song.length; ) {
      const n = 1 + Math.floor(r() * 30000);
      parts.push(fp.push(song.subarray(o, o + n)));
      o += n;
    }
    parts.push(fp.flush());
    expect(same(concatBatches(parts), whole.hashes)).toBe(true);
  });

  it('sends early pairs sooner, and the same records in all', async () => {
    const module = await loadEngineModule();
    const song = synthSong(6, 12, 8000);
    const step = 2000; // a quarter second, as the capture pushes
    const run = async (earlyPairs: boolean) => {
      const fp = await Fingerprinter.create(module, { sampleRate: 8000, config: { ...presets.query, earlyPairs } });
      const parts: HashBatch[] = [];
      let firstAt = -1;
      for (let o = 0; o < song.length; o += step) {
        parts.push(fp.push(song.subarray(o, o + step)));
        if (firstAt < 0 && parts.at(-1)!.hash.length > 0) firstAt = (o + step) / 8000;
      }
      parts.push(fp.flush());
      const all = concatBatches(parts);
      return { firstAt, records: Array.from(all.hash, (h, i) => `${h}:${all.t[i]}:${all.hyp[i]}`).sort() };
    };
    const late = await run(false);
    const early = await run(true);
    expect(early.records).toEqual(late.records);
    expect(early.records.length).toBeGreaterThan(1000);
    expect(early.firstAt).toBeLessThanOrEqual(late.firstAt - 0.5);
  });

  it('emits hashes while streaming, before the end', async () => {
    const module = await loadEngineModule();
    const song = synthSong(3, 20);
    const fp = await Fingerprinter.create(module, { sampleRate: 44100, preset: 'index' });
    const early = fp.push(song.subarray(0, 44100 * 10));
    expect(early.hash.length).toBeGreaterThan(50);
    expect(Math.max(...early.t)).toBeLessThan(10 / 0.016);
  });

  it('keeps memory flat over an hour of audio', async () => {
    const module = await loadEngineModule();
    const fp = await Fingerprinter.create(module, { sampleRate: 8000, preset: 'index' });
    const chunk = synthSong(4, 30, 8000);
    const memory = () => ((fp as unknown as { x: { memory: WebAssembly.Memory } }).x.memory.buffer.byteLength);
    fp.push(chunk);
    const before = memory();
    let hashes = 0;
    for (let i = 0; i < 120; i++) hashes += fp.push(chunk).hash.length;
    expect(fp.frames).toBeGreaterThan(3600 / 0.016 - 10);
    expect(hashes).toBeGreaterThan(3600 * 10);
    expect(memory()).toBe(before);
  });

  it('analyses 8 kHz to 192 kHz, mono or stereo, alike', async () => {
    const module = await loadEngineModule();
    const counts: number[] = [];
    for (const rate of [8000, 22050, 44100, 48000, 96000, 192000]) {
      const song = synthSong(6, 8, rate);
      const stereo = new Float32Array(song.length * 2);
      song.forEach((v, i) => { stereo[2 * i] = v; stereo[2 * i + 1] = v; });
      const r = await fingerprint(module, stereo, { sampleRate: rate, channels: 2, preset: 'index' });
      counts.push(r.hashes.hash.length);
    }
    const mean = counts.reduce((a, b) => a + b) / counts.length;
    for (const c of counts) expect(Math.abs(c - mean) / mean).toBeLessThan(0.25);
  });

  it('picks peaks on power averaged over the configured frames, and refuses other counts', async () => {
    const module = await loadEngineModule();
    const x = synthSong(5, 6, 22050);
    const peaks = async (smoothFrames: number) => {
      const fp = await Fingerprinter.create(module, { sampleRate: 22050, config: { ...presets.index, smoothFrames }, collectPeaks: true });
      fp.push(x);
      fp.flush();
      return fp.takePeaks();
    };
    const [one, two] = [await peaks(1), await peaks(2)];
    expect(two.length).toBeGreaterThan(0);
    expect(two.map((p) => `${p.t},${p.f}`)).not.toEqual(one.map((p) => `${p.t},${p.f}`));
    expect(presets.index.smoothFrames).toBe(presets.query.smoothFrames);
    for (const smoothFrames of [0, 5, 1.5]) await expect(peaks(smoothFrames)).rejects.toThrow(/smoothFrames/);
  });

  it('adds a bass band with a budget of its own that main-band anchors never pair with', async () => {
    const module = await loadEngineModule();
    const x = synthSong(5, 8, 22050);
    const cfg = presets.index;
    const run = async (bassHz: number) => {
      const fp = await Fingerprinter.create(module, { sampleRate: 22050, config: { ...cfg, bassHz }, collectPeaks: true });
      const hashes = [...fp.push(x).hash, ...fp.flush().hash];
      return { peaks: fp.takePeaks(), hashes };
    };
    const binHz = cfg.rate / cfg.fftSize;
    const lo = Math.round(cfg.fLoHz / binHz);
    const [without, withBass] = [await run(0), await run(cfg.bassHz)];
    expect(without.peaks.every((p) => p.f >= lo - 0.5)).toBe(true);
    const bass = withBass.peaks.filter((p) => p.f < lo - 0.5);
    expect(bass.length).toBeGreaterThan(0);
    expect(bass.every((p) => p.f >= cfg.bassHz / binHz - 0.5)).toBe(true);
    // away from the band edge (where a bass maximum may outshine its neighbours) the main band is as without bass
    const main = (peaks: { t: number; f: number }[]) => peaks.filter((p) => p.f > lo + cfg.peakFreqRadius).map((p) => `${p.t},${p.f}`);
    expect(main(withBass.peaks)).toEqual(main(without.peaks));
    // the hash's fields are cells of qf bins (hash.ts)
    const pairs = withBass.hashes.map((h) => ({ f1: anchorCell(h) * cfg.qf, f2: (anchorCell(h) + stepCell(h)) * cfg.qf }));
    expect(pairs.some((p) => p.f1 < lo)).toBe(true);
    expect(pairs.filter((p) => p.f1 > lo).every((p) => p.f2 >= lo - 1)).toBe(true);
    for (const bassHz of [-1, cfg.fLoHz]) await expect(run(bassHz)).rejects.toThrow(/bassHz/);
  });
});

describe('engine on bad input', () => {
  it('refuses sample rates outside 8-192 kHz and bad channel counts', async () => {
    const module = await loadEngineModule();
    for (const sampleRate of [7999, 192001, 0, -44100, 44100.5, Number.NaN]) {
      await expect(Fingerprinter.create(module, { sampleRate })).rejects.toThrow(EngineError);
    }
    for (const channels of [0, 9, 1.5]) {
      await expect(Fingerprinter.create(module, { sampleRate: 44100, channels })).rejects.toThrow(/channels/);
    }
    const fp = await Fingerprinter.create(module, { sampleRate: 44100, channels: 2 });
    expect(() => fp.push(new Float32Array(3))).toThrow(/multiple of 2/);
  });

  it('treats NaN and Infinity as invalid samples, not as sound', async () => {
    const module = await loadEngineModule();
    const song = synthSong(7, 6);
    const clean = await fingerprint(module, song, { sampleRate: 44100, preset: 'index' });
    const broken = song.slice();
    for (let i = 0; i < broken.length; i += 97) broken[i] = i % 2 ? Number.NaN : Number.POSITIVE_INFINITY;
    const r = await fingerprint(module, broken, { sampleRate: 44100, preset: 'index' });
    expect(r.quality.invalidRatio).toBeGreaterThan(0.005);
    expect(Number.isFinite(r.quality.rmsDbfs)).toBe(true);
    // damaged samples blur some peaks but the fingerprint is still mostly the same
    const known = new Set(clean.hashes.hash);
    const kept = r.hashes.hash.filter((h) => known.has(h)).length;
    expect(kept / clean.hashes.hash.length).toBeGreaterThan(0.5);
    const allNaN = await fingerprint(module, new Float32Array(44100 * 3).fill(Number.NaN), { sampleRate: 44100 });
    expect(allNaN.hashes.hash.length).toBe(0);
    expect(allNaN.quality.invalidRatio).toBe(1);
    expect(clipProblem(allNaN.quality, 0)).toBe('invalid_samples');
  });

  it('gives no hashes for silence or a DC offset, and says so', async () => {
    const module = await loadEngineModule();
    const silent = await fingerprint(module, new Float32Array(44100 * 5), { sampleRate: 44100 });
    expect(silent.hashes.hash.length).toBe(0);
    expect(silent.quality.silenceRatio).toBe(1);
    expect(clipProblem(silent.quality, 0)).toBe('silent');
    const dc = await fingerprint(module, new Float32Array(44100 * 5).fill(0.3), { sampleRate: 44100 });
    expect(dc.hashes.hash.length).toBe(0);
    expect(dc.quality.silenceRatio).toBeGreaterThan(0.9);
    expect(dc.quality.dcOffset).toBeCloseTo(0.3, 3);
  });

  it('handles a full-scale square wave and flags it as clipped', async () => {
    const module = await loadEngineModule();
    const sq = new Float32Array(44100 * 4).map((_, i) => (Math.floor(i / 50) % 2 ? 1 : -1));
    const r = await fingerprint(module, sq, { sampleRate: 44100, preset: 'query' });
    expect(r.quality.clippingRatio).toBeGreaterThan(0.99);
    for (const h of r.hashes.hash) expect(h).toBeLessThan(2 ** 26);
  });

  it('handles clips shorter than a second and empty input', async () => {
    const module = await loadEngineModule();
    const empty = await fingerprint(module, new Float32Array(0), { sampleRate: 44100 });
    expect(empty.hashes.hash.length).toBe(0);
    expect(empty.quality.durationS).toBe(0);
    expect(clipProblem(empty.quality, 0)).toBe('too_short');
    const short = await fingerprint(module, synthSong(8, 0.4), { sampleRate: 44100 });
    expect(short.quality.durationS).toBeCloseTo(0.4, 2);
    expect(clipProblem(short.quality, short.hashes.hash.length)).toBe('too_short');
    const fine = await fingerprint(module, synthSong(8, 3), { sampleRate: 44100 });
    expect(clipProblem(fine.quality, fine.hashes.hash.length)).toBeNull();
  });
});
