// The demo catalog: short songs the project synthesises (so nothing is copied music and the
// repository ships no audio). A seed fixes a song: tempo, key, chord progression, a melody
// of notes with harmonics, a bass line and a drum kit. Same seed, same samples.
import { rng, scaleToPeak } from '../../dsp/testing/index';

export const DEMO_RATE = 16000;
export const DEMO_SECONDS = 20;

/** Catalog metadata; `seed` makes the audio (and the cover, scripts/demo/cover.ts). The ISRCs use the "ZZ" test prefix. */
export const DEMO_TRACKS = [
  { seed: 11, file: 'copper-lanterns.wav', title: 'Copper Lanterns', artist: 'The Oscillators', album: 'Synthetic Standards', isrc: 'ZZESH2600001', year: 2019 },
  { seed: 23, file: 'night-ferry.wav', title: 'Night Ferry', artist: 'The Oscillators', album: 'Synthetic Standards', isrc: 'ZZESH2600002', year: 2019 },
  { seed: 37, file: 'paper-satellites.wav', title: 'Paper Satellites', artist: 'Sine Qua Non', album: 'Harmonic Series', isrc: 'ZZESH2600003', year: 2023 },
  { seed: 41, file: 'slow-orbit.wav', title: 'Slow Orbit', artist: 'Sine Qua Non', album: 'Harmonic Series', isrc: 'ZZESH2600004', year: 2023 },
].map((t) => ({ ...t, external_id: `demo-${t.seed}` }));

/** A song that is not in the catalog: another key and tempo than every demo track. */
export const UNKNOWN_SEED = 808;

/** The test synthesiser's xorshift32, past its first outputs. */
function demoRng(seed: number): () => number {
  const next = rng(seed);
  // xorshift's first outputs from a small seed are tiny: skip them, or every song shares a key
  for (let i = 0; i < 4; i++) next();
  return next;
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const PROGRESSIONS = [
  [0, 4, 5, 3],
  [0, 5, 3, 4],
  [5, 3, 0, 4],
  [0, 3, 4, 3],
];
const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** Additive tone: `harmonics` partials at 1/h amplitude, plucked envelope. */
function tone(out: Float32Array, rate: number, start: number, dur: number, freq: number, amp: number, harmonics: number, decay: number): void {
  const a = Math.floor(start * rate);
  const n = Math.min(out.length - a, Math.floor(dur * rate));
  const attack = Math.min(0.008 * rate, n / 4);
  for (let h = 1; h <= harmonics && freq * h < rate / 2.2; h++) {
    const w = (2 * Math.PI * freq * h) / rate;
    const g = amp / h;
    for (let i = 0; i < n; i++) {
      const env = (i < attack ? i / attack : 1) * Math.exp((-decay * i) / rate);
      out[a + i] += g * env * Math.sin(w * i);
    }
  }
}

function kick(out: Float32Array, rate: number, start: number, amp: number): void {
  const a = Math.floor(start * rate);
  const n = Math.min(out.length - a, Math.floor(0.25 * rate));
  let phase = 0;
  for (let i = 0; i < n; i++) {
    phase += (2 * Math.PI * (50 + 90 * Math.exp((-30 * i) / rate))) / rate;
    out[a + i] += amp * Math.exp((-12 * i) / rate) * Math.sin(phase);
  }
}

function noiseHit(out: Float32Array, rate: number, start: number, amp: number, len: number, decay: number, highpass: boolean, r: () => number): void {
  const a = Math.floor(start * rate);
  const n = Math.min(out.length - a, Math.floor(len * rate));
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const x = r() * 2 - 1;
    // a first difference tilts the noise up: hats sound thin, snares full
    const v = highpass ? x - prev : x;
    prev = x;
    out[a + i] += amp * v * Math.exp((-decay * i) / rate);
  }
}

/** A mono song, peak -3 dBFS. */
export function renderSong(seed: number, seconds = DEMO_SECONDS, rate = DEMO_RATE): Float32Array {
  const r = demoRng(seed);
  const out = new Float32Array(Math.round(seconds * rate));
  const key = 45 + Math.floor(r() * 12);
  const beat = 60 / (84 + Math.floor(r() * 50));
  const prog = PROGRESSIONS[Math.floor(r() * PROGRESSIONS.length)];
  const bar = 4 * beat;
  for (let b = 0; b * bar < seconds; b++) {
    const t0 = b * bar;
    const degree = prog[b % prog.length];
    const chord = [0, 2, 4].map((k) => key + 12 + MAJOR[(degree + k) % 7] + (degree + k >= 7 ? 12 : 0));
    for (const m of chord) tone(out, rate, t0, bar, hz(m), 0.045, 5, 1.2);
    for (let q = 0; q < 4; q++) {
      const tb = t0 + q * beat;
      tone(out, rate, tb, beat, hz(key - 12 + MAJOR[degree] + (q === 2 ? 7 : 0)), 0.11, 4, 5);
      if (q % 2 === 0) kick(out, rate, tb, 0.35);
      else noiseHit(out, rate, tb, 0.12, 0.18, 22, false, r);
      noiseHit(out, rate, tb + beat / 2, 0.05, 0.05, 80, true, r);
    }
    // melody: notes of the chord and the scale, in eighths and quarters, sometimes resting
    for (let s = 0; s < bar - 1e-9; ) {
      const d = beat * (r() < 0.6 ? 0.5 : 1);
      if (r() > 0.15) {
        const step = r() < 0.6 ? [0, 2, 4][Math.floor(r() * 3)] + degree : Math.floor(r() * 7);
        const m = key + 24 + MAJOR[step % 7] + 12 * Math.floor(step / 7);
        tone(out, rate, t0 + s, d * 1.3, hz(m), 0.1, 6, 4);
      }
      s += d;
    }
  }
  return scaleToPeak(out, 0.708);
}
