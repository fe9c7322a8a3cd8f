// Files to process from the paths on the command line. A named file is always taken;
// inside folders only names with an audio extension are (cover art, playlists and notes
// are not reported one by one). Folders that cannot be read and symlinks that lead
// back into a folder being walked are reported and skipped, never fatal.
import { opendir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

/** Audio by name, decodable or not: a .wma (or an .m4a without ffmpeg) gets an "unsupported" line rather than silence. */
export const AUDIO_EXTENSIONS = new Set(['.wav', '.wave', '.aif', '.aiff', '.aifc', '.ogg', '.oga', '.opus', '.flac', '.mp3', '.m4a', '.aac', '.mp4', '.wma', '.webm']);

export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface WalkProblem {
  path: string;
  reason: string;
}

export interface WalkResult {
  files: FoundFile[];
  problems: WalkProblem[];
  /** Files inside folders left out because their names are not audio. */
  ignored: number;
}

const errorText = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

export async function walk(inputs: string[]): Promise<WalkResult> {
  const out: WalkResult = { files: [], problems: [], ignored: 0 };
  const seenDirs = new Set<string>();

  async function visitDir(dir: string, ancestors: string[]): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (e) {
      out.problems.push({ path: dir, reason: `cannot resolve folder (${errorText(e)})` });
      return;
    }
    if (ancestors.includes(real)) {
      out.problems.push({ path: dir, reason: `symlink loop: leads back to ${real}` });
      return;
    }
    if (seenDirs.has(real)) {
      out.problems.push({ path: dir, reason: `already walked as ${real}` });
      return;
    }
    seenDirs.add(real);
    let names: string[];
    try {
      const handle = await opendir(dir);
      names = [];
      for await (const entry of handle) names.push(entry.name);
    } catch (e) {
      out.problems.push({ path: dir, reason: `unreadable folder (${errorText(e)})` });
      return;
    }
    for (const name of names.sort()) {
      if (name.startsWith('.')) continue;
      await visit(join(dir, name), [...ancestors, real], false);
    }
  }

  async function visit(path: string, ancestors: string[], named: boolean): Promise<void> {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink loop' : `cannot read (${errorText(e)})`;
      out.problems.push({ path, reason });
      return;
    }
    if (info.isDirectory()) return visitDir(path, ancestors);
    if (!info.isFile()) {
      if (named) out.problems.push({ path, reason: 'not a regular file' });
      return;
    }
    if (!named && !AUDIO_EXTENSIONS.has(extname(path).toLowerCase())) {
      out.ignored++;
      return;
    }
    out.files.push({ path, size: info.size, mtimeMs: info.mtimeMs });
  }

  for (const input of inputs) await visit(resolve(input), [], true);
  return out;
}
