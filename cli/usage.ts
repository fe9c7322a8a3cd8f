/** Exit codes of every `earshot` command (documented in the README). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A mistake in how the command was called (ours, or node:util parseArgs'): exit 2 with its message. */
export function isUsageError(e: unknown): boolean {
  return e instanceof UsageError || String((e as { code?: string } | null)?.code).startsWith('ERR_PARSE_ARGS');
}
