// What the benchmarks read from the command line: JSON files and engine overrides.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../cli/usage';
import type { SharedRegions } from './report';

export async function readJson<T>(path: string, what: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

/** The corpus' shared_regions.json: each track's spans of audio another track holds too. */
export async function readSharedRegions(path: string): Promise<SharedRegions> {
  return (await readJson<{ regions: SharedRegions }>(path, 'shared regions')).regions;
}

/** Engine parameters on top of a preset, for tuning runs. */
export function parseOverrides(json: string | undefined, flag: string): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const v = JSON.parse(json);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {
    // fall through to the usage error
  }
  throw new UsageError(`${flag} must be a JSON object of engine parameters`);
}
