import { TIMELINE_HOP_S, TIMELINE_WINDOW_S } from './identify/window';
import { EXIT, isUsageError } from './usage';

/** Each command's usage, as `earshot <command> --help` prints it and the full help lists it. */
const USAGE = {
  index: `index <files|folders...> [--manifest catalog.csv|json] [--jobs N] [--state FILE] [--force]
                 decode + fingerprint (MP3, Ogg Vorbis/Opus, FLAC, WAV, AIFF; M4A/AAC/ALAC
                 with ffmpeg) on N threads (all cores), tags overridden by the manifest
                 (path, external_id, title, artist, album, isrc), upload, report
                 duplicates; resumable through the state file
                 (default .earshot-index-state.jsonl beside the manifest, else in the cwd)`,
  identify: `identify <files...> [--json] [--start S] [--duration S]
                 one line per file: status, top matches, confidence, offset, ms;
                 --start/--duration: listen to that stretch of each file (seconds)
  identify --timeline <files...> [--window S] [--hop S] [--json]
                 what plays when in a long file (a DJ mix, a radio recording): one
                 question per window (default ${TIMELINE_WINDOW_S} s every ${TIMELINE_HOP_S} s), consecutive answers
                 joined into segments dated by where the track started`,
  export: `export <file>  the whole catalog, metadata and hashes, as versioned NDJSON (admin token)`,
  import: `import <file> [--parallel N]
                 an export back into a catalog (idempotent by content SHA-1; one track at
                 a time unless N > 1, so tracks keep their export order)`,
  stats: `stats [--json] the API's /stats, readable`,
  dedupe: `dedupe <files|folders...> [--json | --csv] [--min-class CLASS] [--jobs N]
                 clusters of the same audio: pairs with their class (identical,
                 same_recording, related_version: README), similarity, coverage of each
                 file, and a against b: offset, speed, pitch, balance (bass and treble,
                 dB); --min-class keeps pairs of that class or
                 stronger (default related_version)`,
  bench: `bench accuracy --manifest <manifest.json> --queries <queries.json> --out <answers.jsonl>
                 index a corpus in process, answer every query, print accuracy per condition
  bench speed    extraction speed (x realtime) against stream-audio-fingerprint, WASM size
  bench api      identify latency and ingest rate through a real wrangler dev (bench/api/api.ts)
  bench app      first load, engine start, tap-to-answer in Chromium (bench/browser/app.ts)
  bench radio    CPU per monitored station per day, each capture mode (bench/api/radio.ts)
  bench search   catalog search latency at 100k tracks (bench/api/search.ts)`,
} as const;

const API_NOTE = `(API at --api URL, default $EARSHOT_API or http://127.0.0.1:8787; the admin
token from --token, $EARSHOT_TOKEN or, for a local API, the .dev.vars of npm start;
--retries N, default 6, exponential backoff from 0.5 s)`;

const EXITS = `Exit codes: 0 success; 1 failure (a file failed, the API went away: run again to resume);
2 bad usage or input (unknown option, unreadable manifest, no audio found, token refused).`;

const HELP = `earshot <command> [options]      (earshot <command> --help, earshot --version)

Catalog ${API_NOTE}:
${(['index', 'identify', 'export', 'import', 'stats'] as const).map((c) => `  ${USAGE[c]}`).join('\n')}

Offline:
  ${USAGE.dedupe}
  ${USAGE.bench}

${EXITS}`;

const ONLINE = new Set(['index', 'identify', 'export', 'import', 'stats']);

function commandHelp(name: keyof typeof USAGE): string {
  return `earshot ${USAGE[name]}\n${ONLINE.has(name) ? `\n${API_NOTE}\n` : ''}\n${EXITS}`;
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const { FP_VERSION } = await import('../dsp/src/index');
  return `earshot ${pkg.version} (fingerprint format fp_version ${FP_VERSION})`;
}

type Command = (args: string[]) => Promise<number>;

const commands: Record<keyof typeof USAGE, () => Promise<Command>> = {
  // the benchmarks live in bench/ (they drive wrangler dev and Chromium too): run, not imported
  bench: async () => async (args) => {
    const { spawnSync } = await import('node:child_process');
    const entry = new URL('../bench/index.ts', import.meta.url).pathname;
    return spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: 'inherit' }).status ?? EXIT.failed;
  },
  index: async () => (await import('./ingest/command')).indexCommand,
  identify: async () => (await import('./identify/command')).identifyCommand,
  stats: async () => (await import('./stats')).statsCommand,
  dedupe: async () => (await import('./dedupe/command')).dedupeCommand,
  export: async () => (await import('./catalog/export')).exportCommand,
  import: async () => (await import('./catalog/import')).importCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    // a bare `earshot` is a usage mistake: the help goes where errors go
    console.error(HELP);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    console.log(await version());
    return EXIT.ok;
  }
  // own names only: `earshot constructor` is not a command
  const load = Object.hasOwn(commands, name) ? commands[name as keyof typeof USAGE] : undefined;
  if (!load) {
    console.error(`earshot: unknown command '${name}'\n\n${HELP}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(name as keyof typeof USAGE));
    return EXIT.ok;
  }
  try {
    return await (await load())(rest);
  } catch (e) {
    if (isUsageError(e)) {
      console.error(`earshot ${name}: ${(e as Error).message}`);
      return EXIT.usage;
    }
    console.error(`earshot ${name}: ${(e as Error).stack ?? e}`);
    return EXIT.failed;
  }
}
