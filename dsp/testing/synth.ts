// Music-like test signals made by the project (never copied music): a seeded song with a
// melody of harmonic notes, held chords, a bass line and noise-burst drums. Different
// seeds give different songs; the same seed gives the same samples everywhere.

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const SCALE = [0, 2, 4, 5, 7, 9, 11];

function midiHz(m: number): number {
  return 440 * Math.pow(2, (m - 69) / 12);
}

function addNote(out: Float32Array, rate: number, start: number, dur: number, hz: number, amp: number, harmonics: number): void {
  const a = Math.floor(start * rate);
  const n = Math.min(out.length - a, Math.floor(dur * rate));
  const attack = Math.min(0.01 * rate, n / 4);
  for (let i = 0; i < n; i++) {
    const env = (i < attack ? i / attack : 1) * Math.exp((-3 * i) / n);
    let v = 0;
    for (let h = 1; h <= harmonics; h++) {
      if (hz * h > rate / 2.2) break;
      v += Math.sin((2 * Math.PI * hz * h * i) / rate) / h;
    }
    out[a + i] += amp * env * v;
  }
}

function addDrum(out: Float32Array, rate: number, start: number, r: () => number, amp: number): void {
  const a = Math.floor(start * rate);
  const n = Math.min(out.length - a, Math.floor(0.15 * rate));
  let lp = 0;
  for (let i = 0; i < n; i++) {
    lp = 0.7 * lp + 0.3 * (r() * 2 - 1);
    out[a + i] += amp * lp * Math.exp((-25 * i) / rate);
  }
}

/**
 * A mono song of `seconds` at `rate` Hz, peak about -3 dBFS. `pitch` scales every
 * frequency and leaves the timing alone: a true pitch shift of the same song.
 */
export function synthSong(seed: number, seconds: number, rate = 44100, pitch = 1): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(Math.round(seconds * rate));
  const root = 48 + Math.floor(r() * 12);
  const beat = 0.3 + r() * 0.25;
  for (let t = 0, bar = 0; t < seconds; t += beat * 4, bar++) {
    const degree = Math.floor(r() * 7);
    for (const k of [0, 2, 4]) {
      const m = root + 12 + SCALE[(degree + k) % 7] + (degree + k >= 7 ? 12 : 0);
      addNote(out, rate, t, beat * 4, pitch * midiHz(m), 0.05, 4);
    }
    addNote(out, rate, t, beat * 2, pitch * midiHz(root - 12 + SCALE[degree]), 0.12, 3);
    for (let b = 0; b < 4; b++) {
      if (t + b * beat < seconds) addDrum(out, rate, t + b * beat, r, b % 2 ? 0.15 : 0.3);
      let s = 0;
      while (s < beat) {
        const d = beat / (1 + Math.floor(r() * 3));
        if (t + b * beat + s < seconds) {
          const m = root + 24 + SCALE[Math.floor(r() * 7)] + (r() < 0.3 ? 12 : 0);
          addNote(out, rate, t + b * beat + s, d * 1.2, pitch * midiHz(m), 0.09, 6);
        }
        s += d;
      }
    }
  }
  return scaleToPeak(out, 0.7);
}

/** Scales `x` in place to a peak of `level` (silence stays silence); returns `x`. */
export function scaleToPeak(x: Float32Array, level: number): Float32Array {
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  const g = peak > 0 ? level / peak : 1;
  for (let i = 0; i < x.length; i++) x[i] *= g;
  return x;
}

/** Linear-interpolation resample by `factor` (> 1 plays faster): a speed change, as radio does it. */
export function speedChange(x: Float32Array, factor: number): Float32Array {
  const n = Math.floor(x.length / factor);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = i * factor;
    const k = Math.floor(p);
    const f = p - k;
    out[i] = (x[k] ?? 0) * (1 - f) + (x[k + 1] ?? 0) * f;
  }
  return out;
}

/** White noise added at `snrDb` relative to the signal's power. */
export function addNoise(x: Float32Array, snrDb: number, seed = 99): Float32Array {
  const r = rng(seed);
  let p = 0;
  for (const v of x) p += v * v;
  p /= x.length;
  const sigma = Math.sqrt(p / Math.pow(10, snrDb / 10));
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    // Box-Muller
    const u = Math.max(r(), 1e-12);
    out[i] = x[i] + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  }
  return out;
}

/** A first-order low shelf: `db` more below about `hz`, as a remaster's bass boost. */
export function bassBoost(x: Float32Array, db: number, rate: number, hz = 150): Float32Array {
  const g = 10 ** (db / 20) - 1;
  const a = Math.exp((-2 * Math.PI * hz) / rate);
  let lp = 0;
  return x.map((v) => {
    lp = (1 - a) * v + a * lp;
    return v + g * lp;
  });
}
