import { EXIT, UsageError } from './usage';

const HELP = `earshot <command> [options]

Catalog (API at --api URL, default $EARSHOT_API or http://127.0.0.1:8787; the admin
token from --token, $EARSHOT_TOKEN or, for a local API, the .dev.vars of npm start):
  index <files|folders...> [--manifest catalog.csv|json] [--jobs N] [--state FILE] [--force]
                 decode + fingerprint (MP3, Ogg Vorbis/Opus, FLAC, WAV) on N threads (all
                 cores), tags overridden by the manifest (path, external_id, title, artist,
                 album, isrc), upload, report duplicates; resumable through the state file
                 (default .earshot-index-state.jsonl beside the manifest, else in the cwd)
  identify <files...> [--json]
                 one line per file: status, top matches, confidence, offset, ms
  export <file>  the whole catalog, metadata and hashes, as versioned NDJSON (admin token)
  import <file> [--parallel N]
                 an export back into a catalog (idempotent by content SHA-1; one track at
                 a time unless N > 1, so tracks keep their export order)
  stats [--json] the API's /stats, readable
  Shared: --retries N (default 6; exponential backoff from 0.5 s)

Offline:
  dedupe <files|folders...> [--json] [--jobs N]
                 clusters of the same audio with similarity and class (identical >= 0.95,
                 same_recording >= 0.80, related_version >= 0.60)
  bench accuracy --manifest <manifest.json> --queries <queries.json> --out <answers.jsonl>
                 index a corpus in process, answer every query, print accuracy per condition
  bench speed    extraction speed (x realtime) against stream-audio-fingerprint, WASM size
  bench api      identify latency and ingest rate through a real wrangler dev (test/e2e/bench-api.ts)
  bench app      first load, engine start, tap-to-answer in Chromium (test/browser/bench.ts)

Exit codes: 0 success; 1 failure (a file failed, the API went away: run again to resume);
2 bad usage or input (unknown option, unreadable manifest, no audio found, token refused).`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  bench: async () => (await import('./bench/index')).bench,
  index: async () => (await import('./ingest/command')).indexCommand,
  identify: async () => (await import('./identify/command')).identifyCommand,
  stats: async () => (await import('./stats')).statsCommand,
  dedupe: async () => (await import('./dedupe/command')).dedupeCommand,
  export: async () => (await import('./catalog/export')).exportCommand,
  import: async () => (await import('./catalog/import')).importCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = commands[name];
  if (!load) {
    console.error(`earshot: unknown command '${name}'\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return await (await load())(rest);
  } catch (e) {
    if (e instanceof UsageError || String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`earshot ${name}: ${(e as Error).message}`);
      return EXIT.usage;
    }
    console.error(`earshot ${name}: ${(e as Error).stack ?? e}`);
    return EXIT.failed;
  }
}
