// What the index stores, pinned per format version: the hashes per fp_version
// (golden-digests.json) and the band envelopes per envelope version (golden-envelopes.json).
// The same fixtures must give the same digests for as long as the version stays, since a
// catalog indexed by one build is queried by the next. Fixtures cover every resampler path the
// engine takes (8 kHz as is, 22.05, 44.1 stereo, 48 kHz) and one file from disk.
import { readFile } from 'node:fs/promises';
import { decodeWav } from '../src/decode/wav';
import { ENVELOPE_VERSION, FP_VERSION } from '../src/config';
import { fingerprint } from '../src/engine';
import { storeEnvelope } from '../src/envelope/index';
import { loadEngineModule } from '../src/node';
import { batchDigest, bytesDigest, samplesDigest } from './digest';
import { goldenSignal, type GoldenCase } from './golden';

export interface Pins {
  /** Digest of each fixture's samples, so a failure says whether the fixture moved. */
  signals: Record<string, string>;
  /** Digest of what the index stores of each fixture, in this format. */
  index: Record<string, string>;
}

/** The recorded pins, by version. */
export type PinFile = Record<string, Pins>;

type Fingerprinted = Awaited<ReturnType<typeof fingerprint>>;

/** A part of the index with a version of its own. */
export interface Format {
  what: string;
  version: number;
  /** Where its version is set, for the message that asks for a bump. */
  bump: string;
  file: URL;
  digest(r: Fingerprinted): string;
}

export const FORMATS: Format[] = [
  { what: 'index-side hashes', version: FP_VERSION, bump: 'FP_VERSION (dsp/src/config.ts)', file: new URL('./golden-digests.json', import.meta.url), digest: (r) => batchDigest(r.hashes) },
  {
    what: 'stored band envelopes',
    version: ENVELOPE_VERSION,
    bump: 'ENVELOPE_VERSION (dsp/src/config.ts)',
    file: new URL('./golden-envelopes.json', import.meta.url),
    digest: (r) => bytesDigest(storeEnvelope(r.envelope)),
  },
];

const SYNTH: GoldenCase[] = [
  { name: 'synth-44k1-stereo', seed: 21, seconds: 12, rate: 44100, channels: 2, preset: 'index' },
  { name: 'synth-48k-mono', seed: 23, seconds: 10, rate: 48000, channels: 1, preset: 'index' },
  { name: 'synth-22k05-mono', seed: 24, seconds: 10, rate: 22050, channels: 1, preset: 'index' },
  { name: 'synth-8k-mono', seed: 25, seconds: 10, rate: 8000, channels: 1, preset: 'index' },
];
const WAV_FIXTURE = new URL('../../test/fixtures/audio/Glass Harbor.wav', import.meta.url);

interface Fixture {
  name: string;
  samples: Float32Array;
  rate: number;
  channels: number;
}

async function fixtures(): Promise<Fixture[]> {
  const out: Fixture[] = SYNTH.map((c) => ({ name: c.name, samples: goldenSignal(c), rate: c.rate, channels: c.channels }));
  const wav = decodeWav(new Uint8Array(await readFile(WAV_FIXTURE)));
  const n = wav.channels[0].length;
  const interleaved = new Float32Array(n * wav.channels.length);
  wav.channels.forEach((ch, c) => ch.forEach((v, i) => (interleaved[i * wav.channels.length + c] = v)));
  out.push({ name: 'file-glass-harbor-wav', samples: interleaved, rate: wav.sampleRate, channels: wav.channels.length });
  return out;
}

/** What this build gives for every fixture, in each format (FORMATS' order). */
export async function currentPins(): Promise<Pins[]> {
  const module = await loadEngineModule();
  const pins: Pins[] = FORMATS.map(() => ({ signals: {}, index: {} }));
  for (const f of await fixtures()) {
    const r = await fingerprint(module, f.samples, { sampleRate: f.rate, channels: f.channels, preset: 'index' });
    FORMATS.forEach((format, i) => {
      pins[i].signals[f.name] = samplesDigest(f.samples);
      pins[i].index[f.name] = format.digest(r);
    });
  }
  return pins;
}

export async function readPinFile(format: Format): Promise<PinFile> {
  return JSON.parse(await readFile(format.file, 'utf8')) as PinFile;
}
