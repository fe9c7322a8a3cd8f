// The resume log of `earshot index`: one JSON line per file whose outcome is final
// (indexed, already there, duplicate, skipped as unusable), appended as it happens, so a
// run killed at any point loses at most the line being written. A file is done when the
// same API already has a line for its path with the same size and mtime; a changed file
// is processed again. Failures (API refused, API gone) are not recorded: they are retried.
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { SimilarityClass } from '../../common/api-types';
import type { FoundFile } from '../walk';

export const STATE_FILE = '.earshot-index-state.jsonl';

export type Outcome =
  | { outcome: 'created' | 'exists'; track: number }
  | { outcome: 'duplicate'; of: number; class: SimilarityClass; similarity: number }
  | { outcome: 'skipped'; reason: string };

export type StateRecord = { api: string; path: string; size: number; mtime: number; sha1?: string; seconds?: number } & Outcome;

export class IndexState {
  private done = new Map<string, StateRecord>();
  private fd: number;

  constructor(readonly file: string, private readonly api: string) {
    let torn = false;
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      torn = text.length > 0 && !text.endsWith('\n');
      for (const line of text.split('\n')) {
        let rec: StateRecord;
        try {
          rec = JSON.parse(line) as StateRecord;
        } catch {
          continue; // the torn last line of a killed run
        }
        if (rec.api === api) this.done.set(rec.path, rec);
      }
    }
    this.fd = openSync(file, 'a');
    // end the torn line, or the next record would be glued to it and lost
    if (torn) writeSync(this.fd, '\n');
  }

  /** The earlier outcome for this exact file, if any. */
  lookup(f: FoundFile): StateRecord | undefined {
    const rec = this.done.get(f.path);
    return rec && rec.size === f.size && rec.mtime === f.mtimeMs ? rec : undefined;
  }

  record(f: FoundFile, outcome: Outcome, extra: { sha1?: string; seconds?: number } = {}): void {
    const rec = { api: this.api, path: f.path, size: f.size, mtime: f.mtimeMs, ...extra, ...outcome } as StateRecord;
    this.done.set(f.path, rec);
    writeSync(this.fd, `${JSON.stringify(rec)}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}
