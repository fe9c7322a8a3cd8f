// The radio playlist's known tracks into a running API's catalog, fingerprinted from the
// same synthesised songs the fixtures were encoded from (scripts/fixtures/make-radio.ts).
import { FP_VERSION, fingerprint } from '../../dsp/src/index';
import { encodeWav } from '../../dsp/src/decode/index';
import { loadEngineModule } from '../../dsp/src/node';
import { synthSong } from '../../dsp/testing/index';
import { uploadTrack } from '../../scripts/demo/upload';
import { playlist } from './stream-server';

export const knownTracks = () => playlist.segments.filter((s) => s.kind === 'track');

/** Ingests every known track of the playlist (never the unknown one). */
export async function ingestPlaylist(baseUrl: string, token: string): Promise<void> {
  const module = await loadEngineModule();
  for (const s of knownTracks()) {
    const song = synthSong(s.seed!, s.seconds!, playlist.rate);
    const fp = await fingerprint(module, song, { sampleRate: playlist.rate, preset: 'index' });
    const meta = { title: s.title!, artist: s.artist ?? '', album: 'Earshot FM test', isrc: `ZZRAD26${String(s.seed).padStart(5, '0')}`, external_id: `radio-${s.seed}` };
    await uploadTrack(baseUrl, token, meta, encodeWav({ sampleRate: playlist.rate, channels: [song] }), s.seconds!, fp, FP_VERSION);
  }
}
