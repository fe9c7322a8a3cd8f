// Real music for the app benchmark: tracks of the development corpus (../shared/bench)
// ingested into the running stack, and 10 s cuts of them for the fake microphone. The demo
// songs are synthetic and need more audio than real music does; these say what a listener's
// tap costs on music like the catalog's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FP_VERSION, fingerprint } from '../../dsp/src/index';
import { decodeAudio, encodeWav } from '../../dsp/src/decode/index';
import { loadEngineModule } from '../../dsp/src/node';
import { readSharedRegions } from '../engine/inputs';
import { uploadTrack } from '../../scripts/demo/upload';
import { writeSamples } from '../../test/browser/clips';

interface ManifestEntry {
  id: string;
  path: string;
  indexed: boolean;
}

/** A track the bench plays to the app: its title as the catalog shows it, and a writer of its k-th cut. */
export interface Playable {
  title: string;
  clip(path: string, k: number, runs: number, snrDb?: number): string;
}

const CLIP_S = 10;

/**
 * `count` indexed tracks spread over the corpus (none with audio shared with another track,
 * whose clips another track may rightly answer), ingested as the CLI would (index preset).
 */
export async function ingestCorpus(dataDir: string, count: number, baseUrl: string, token: string): Promise<Playable[]> {
  const manifest = JSON.parse(readFileSync(join(dataDir, 'corpus/manifest.json'), 'utf8')) as ManifestEntry[];
  const shared = await readSharedRegions(join(dataDir, 'corpus/shared_regions.json'));
  const eligible = manifest.filter((m) => m.indexed && !(m.id in shared));
  if (eligible.length < count) throw new Error(`the corpus has ${eligible.length} indexed tracks without shared audio; asked for ${count}`);
  const picked = Array.from({ length: count }, (_, i) => eligible[Math.floor(((i + 0.5) * eligible.length) / count)]);
  const module = await loadEngineModule();
  const tracks: Playable[] = [];
  for (const [i, m] of picked.entries()) {
    const audio = await decodeAudio(readFileSync(join(dataDir, m.path)));
    const mono = audio.channels[0];
    const seconds = mono.length / audio.sampleRate;
    const fp = await fingerprint(module, mono, { sampleRate: audio.sampleRate, preset: 'index' });
    const meta = { title: m.id, artist: 'bench corpus', album: '', isrc: `ZZBEN26${String(i).padStart(5, '0')}`, external_id: `bench-${m.id}` };
    await uploadTrack(baseUrl, token, meta, encodeWav({ sampleRate: audio.sampleRate, channels: [mono] }), seconds, fp, FP_VERSION);
    tracks.push({
      title: m.id,
      // cuts spread over the track's middle 80 %
      clip(path, k, runs, snrDb) {
        const span = Math.max(0, seconds * 0.8 - CLIP_S);
        const fromS = seconds * 0.1 + (span * (k + 0.5)) / runs;
        const x = mono.subarray(Math.round(fromS * audio.sampleRate), Math.round((fromS + CLIP_S) * audio.sampleRate));
        return writeSamples(path, x, audio.sampleRate, { snrDb, seed: 1000 * i + k });
      },
    });
  }
  return tracks;
}
