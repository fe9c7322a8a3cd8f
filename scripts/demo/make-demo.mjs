// Writes the demo songs as WAV files plus index.json into public/demo/ (not committed:
// they are made from their seeds on every build), so the app can play them aloud.
// The songs and the WAV encoder are TypeScript: run through tsx.
import { mkdirSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { DEMO_RATE, DEMO_TRACKS, renderSong } = await import('./songs.ts');
const { encodeWav } = await import('../../dsp/src/decode/wav.ts');

const dir = new URL('../../public/demo/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const t of DEMO_TRACKS) writeFileSync(new URL(t.file, dir), encodeWav({ sampleRate: DEMO_RATE, channels: [renderSong(t.seed)] }));
writeFileSync(
  new URL('index.json', dir),
  JSON.stringify(DEMO_TRACKS.map(({ file, title, artist }) => ({ file, title, artist }))),
);
writeFileSync(new URL('.gitignore', dir), '*\n');
