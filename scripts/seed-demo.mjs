#!/usr/bin/env node
// Seeds a running Earshot API with the demo catalog: the project's synthesised songs
// (scripts/demo/songs.ts), fingerprinted here with the index preset and sent to
// POST /api/v1/tracks with the admin token, each with its cover picture
// (scripts/demo/cover.ts) and year. Safe to run again: the API reports a track it already
// holds as a duplicate instead of indexing it twice, and keeps a picture it has.
//
//   node scripts/seed-demo.mjs [--url http://127.0.0.1:8787]
//   (token: $ADMIN_TOKEN, else ADMIN_TOKEN in .dev.vars)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();
const { DEMO_RATE, DEMO_TRACKS, renderSong } = await import('./demo/songs.ts');
const { encodeWav } = await import('../dsp/src/decode/wav.ts');
const { loadEngineModule } = await import('../dsp/src/node.ts');
const { fingerprint, FP_VERSION } = await import('../dsp/src/index.ts');
const { uploadTrack } = await import('./demo/upload.ts');
const { coverPng } = await import('./demo/cover.ts');

function adminToken() {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  try {
    const vars = readFileSync(new URL('../.dev.vars', import.meta.url), 'utf8');
    const m = /^\s*ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?\s*$/m.exec(vars);
    if (m) return m[1].trim();
  } catch {
    // no .dev.vars: reported below
  }
  console.error('seed-demo: no admin token (set ADMIN_TOKEN or put ADMIN_TOKEN=... in .dev.vars)');
  process.exit(2);
}

const { values } = parseArgs({
  options: { url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 8787}` } },
});
const token = adminToken();
const module = await loadEngineModule();
let failed = 0;
for (const t of DEMO_TRACKS) {
  const song = renderSong(t.seed);
  // the same samples as the WAV the app plays, so its SHA-1 identifies this audio
  const wav = encodeWav({ sampleRate: DEMO_RATE, channels: [song] });
  const fp = await fingerprint(module, song, { sampleRate: DEMO_RATE, preset: 'index' });
  const { seed: _seed, file: _file, ...meta } = t;
  try {
    const outcome = await uploadTrack(values.url, token, meta, wav, song.length / DEMO_RATE, fp, FP_VERSION, coverPng(t.seed));
    console.log(`seed-demo: ${t.title}: ${outcome}`);
  } catch (err) {
    failed++;
    console.error(`seed-demo: ${t.title}: ${err instanceof Error ? err.message : err}`);
  }
}
process.exitCode = failed ? 1 : 0;
