// Writes the demo songs as WAV files plus index.json into public/demo/ (not committed:
// they are made from their seeds on every build), so the app can play them aloud.
import { mkdirSync, writeFileSync } from 'node:fs';
import { DEMO_RATE, DEMO_TRACKS, renderSong } from './songs.mjs';
import { encodeWav } from './wav.mjs';

const dir = new URL('../../public/demo/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const t of DEMO_TRACKS) writeFileSync(new URL(t.file, dir), encodeWav(renderSong(t.seed), DEMO_RATE));
writeFileSync(
  new URL('index.json', dir),
  JSON.stringify(DEMO_TRACKS.map(({ file, title, artist }) => ({ file, title, artist }))),
);
writeFileSync(new URL('.gitignore', dir), '*\n');
