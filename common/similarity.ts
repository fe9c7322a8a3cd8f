// The one definition of the duplicate classes, used by the catalog's duplicate check
// (worker-api/duplicates) and by `earshot dedupe`. Thresholds chosen on real tracks through
// every transformation of bench/data/make-dedupe-set.py (confusion table: BENCHMARKS.md).
import type { SimilarityClass } from './api-types';

/** What one consistent alignment of two recordings explains (dsp Alignments.coverage). */
export interface PairEvidence {
  /** Share of the first file's records found aligned in the other. */
  share: number;
  /** Share of each file's audio the alignment covers. */
  coverageA: number;
  coverageB: number;
  /** Speed and pitch of the first file against the other (1: as is). */
  speed: number;
  pitch: number;
  /**
   * Whether the two decode to the same audio, when both were decoded here (dedupe,
   * `sameAudio`). The catalog sees hashes only, and calls identical what no fingerprint
   * tells apart.
   */
  sameAudio?: boolean;
  /**
   * How far the first file's bass and treble sit from the other's where they overlap (dB,
   * dsp balance.ts), when both were decoded here. The catalog sees hashes only: there a
   * remaster reads as the same recording.
   */
  balance?: { bassDb: number; trebleDb: number };
}

/** What dedupe knows of a file's decoded audio. */
export interface AudioSignature {
  /** SHA-1 of the 16-bit PCM (dsp pcm.ts). */
  sha1: string;
  sampleRate: number;
  channels: number;
  durationS: number;
  rmsDbfs: number;
  /** Each second's level, dBFS (dsp pcm.ts SecondLevels). */
  levels: number[];
  /** Each second's energy in the balance bands (dsp balance.ts SecondBands). */
  bands: Float32Array;
}

/** Share of hashes two copies of the same decoded audio keep, give or take a decoder's rounding (a 320 kb/s MP3 keeps 0.96-0.985). */
export const SAME_AUDIO_SHARE = 0.995;

/**
 * The same decoded audio, or differences below audibility: equal PCM, or the same rate,
 * channels and length with the level within 0.001 dB and nearly every hash kept (two
 * decoders of one stream round differently: a FLAC that ffmpeg made from an Ogg file is
 * 1-5 millionths of a dB off ours, a 320 kb/s MP3 of it 90 millionths but loses 2-4 % of the
 * hashes). A level change, a downmix, a resampling, a fade or added silence each fail one.
 */
export function sameAudio(a: AudioSignature, b: AudioSignature, share: number): boolean {
  if (a.sha1 === b.sha1) return true;
  return (
    share >= SAME_AUDIO_SHARE &&
    a.sampleRate === b.sampleRate &&
    a.channels === b.channels &&
    Math.abs(a.durationS - b.durationS) < 0.05 &&
    Math.abs(a.rmsDbfs - b.rmsDbfs) < 0.001 &&
    sameLevels(a.levels, b.levels)
  );
}

/** A second quieter than this is inaudible in any listening: its level may differ. */
const AUDIBLE_DBFS = -70;
/** Two decoders of one stream agree on every second's level to millionths of a dB. */
const SECOND_LEVEL_DB = 0.01;

/**
 * Every audible second at the same level. The whole-file level alone let a fade over a
 * near-silent start or end pass as the same audio (5 of 24 tracks of the dedupe set:
 * BENCHMARKS.md "Duplicate classes").
 */
function sameLevels(a: number[], b: number[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (Math.max(a[i], b[i]) > AUDIBLE_DBFS && !(Math.abs(a[i] - b[i]) <= SECOND_LEVEL_DB)) return false;
  }
  return true;
}

/**
 * Without the PCM: above this share the fingerprints cannot tell the two apart (a 320 kb/s
 * MP3, a level change and a mono downmix all stay above it: BENCHMARKS.md).
 */
export const IDENTICAL_SHARE = 0.95;
/** Both files covered this far: the same recording, trimmed by a few seconds at most. */
export const SAME_COVERAGE = 0.85;
/**
 * One file covered this far by the other, at one alignment: an excerpt, a speed change, an
 * edit (the longer of an edit's two pieces is at least half of it, measured 0.50-0.53 on a
 * 30 s cut, so the bar sits below). The corpus' tracks that share a loop share at most 0.36.
 */
export const RELATED_COVERAGE = 0.4;
/**
 * Bass or treble moved further than this against the middle is a remaster, not a codec.
 * Measured on 6 sources of the dedupe set (BENCHMARKS.md "Duplicate classes"): codecs,
 * resampling and loudness changes move the bass 0.17 dB at most, but the treble up to
 * 1.19 dB (Vorbis q1 and Opus 24 kb/s add noise in the top band; resampling to 22.05 kHz
 * reads -0.66: the band-pass's shape near that rate's Nyquist); the set's remaster (+6 dB
 * bass and +5 dB treble shelves, compression, a limiter) moves the bass 1.65-2.91 dB (0.05
 * on a track with little bass) and the treble 2.21-2.80 dB. The bars sit between.
 */
export const BALANCE_BASS_DB = 0.8;
export const BALANCE_TREBLE_DB = 1.7;

export function balanceMoved(b: { bassDb: number; trebleDb: number }): boolean {
  return Math.abs(b.bassDb) > BALANCE_BASS_DB || Math.abs(b.trebleDb) > BALANCE_TREBLE_DB;
}
/** Fewer aligned records than this are chance, whatever they cover. */
export const MIN_SHARE = 0.04;

/** How strong each class is: a pair, or a track, keeps its strongest. */
export const CLASS_RANK: Record<SimilarityClass, number> = { different: 0, related_version: 1, same_recording: 2, identical: 3 };

export function similarityClass(e: PairEvidence): SimilarityClass {
  if (e.share < MIN_SHARE) return 'different';
  const asIs = Math.abs(e.speed - 1) < 0.005 && Math.abs(e.pitch - 1) < 0.005;
  const whole = Math.min(e.coverageA, e.coverageB) >= SAME_COVERAGE;
  if (asIs && whole && e.share >= IDENTICAL_SHARE && (e.sameAudio ?? true)) return 'identical';
  if (asIs && whole && !(e.balance && balanceMoved(e.balance))) return 'same_recording';
  if (Math.max(e.coverageA, e.coverageB) >= RELATED_COVERAGE) return 'related_version';
  return 'different';
}
