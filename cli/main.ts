import { EXIT, UsageError } from './usage';

const HELP = `earshot <command> [options]

Commands:
  bench accuracy --manifest <manifest.json> --queries <queries.json> --out <answers.jsonl>
                 index a corpus in process, answer every query, print accuracy per condition
  bench speed    extraction speed (x realtime) against stream-audio-fingerprint, WASM size

Exit codes: 0 success, 1 failure, 2 bad usage or input.`;

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
    if (e instanceof UsageError) {
      console.error(`earshot ${name}: ${e.message}`);
      return EXIT.usage;
    }
    console.error(`earshot ${name}: ${(e as Error).stack ?? e}`);
    return EXIT.failed;
  }
}
