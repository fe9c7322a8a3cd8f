import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walk, type WalkResult } from './walk';

const root = mkdtempSync(join(tmpdir(), 'earshot-walk-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: string[]): string {
  const dir = join(root, name);
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  return dir;
}

/** Root reads any folder whatever its mode: walk as 'nobody' then, in a child process. */
function walkAsUnprivileged(dir: string): WalkResult {
  const walker = new URL('./walk.ts', import.meta.url).pathname;
  const code = `import(${JSON.stringify(walker)}).then((m) => m.walk([${JSON.stringify(dir)}])).then((r) => console.log(JSON.stringify(r)))`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { uid: 65534, gid: 65534, encoding: 'utf8', cwd: new URL('..', import.meta.url).pathname });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as WalkResult;
}

describe('walk', () => {
  it('takes audio by extension inside folders, any file named on the command line', async () => {
    const dir = tree('mixed', ['a.wav', 'b/c.FLAC', 'b/cover.jpg', 'b/e.aifc', 'notes.txt', '.hidden.wav', 'd.ogg', 'f.m4a']);
    const r = await walk([dir, join(dir, 'notes.txt')]);
    expect(r.files.map((f) => f.path.slice(dir.length + 1))).toEqual(['a.wav', 'b/c.FLAC', 'b/e.aifc', 'd.ogg', 'f.m4a', 'notes.txt']);
    expect(r.ignored).toBe(2);
    expect(r.problems).toEqual([]);
    expect(r.files[0]).toMatchObject({ size: 1 });
  });

  it('reports a symlink loop once and walks the rest', async () => {
    const dir = tree('loop', ['x.mp3', 'sub/y.mp3']);
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync(join(dir, 'self-missing'), join(dir, 'dangling.mp3'));
    const r = await walk([dir]);
    expect(r.files.map((f) => f.path.slice(dir.length + 1))).toEqual(['sub/y.mp3', 'x.mp3']);
    expect(r.problems).toEqual([
      { path: join(dir, 'dangling.mp3'), reason: 'cannot read (ENOENT)' },
      { path: join(dir, 'sub', 'up'), reason: `symlink loop: leads back to ${dir}` },
    ]);
  });

  it('skips a folder it cannot read, with a line, and keeps going', async () => {
    const dir = tree('locked', ['ok.wav', 'private/secret.wav']);
    chmodSync(root, 0o755);
    chmodSync(join(dir, 'private'), 0o000);
    try {
      const r = process.getuid?.() === 0 ? walkAsUnprivileged(dir) : await walk([dir]);
      expect(r.files.map((f) => f.path)).toEqual([join(dir, 'ok.wav')]);
      expect(r.problems).toEqual([{ path: join(dir, 'private'), reason: 'unreadable folder (EACCES)' }]);
    } finally {
      chmodSync(join(dir, 'private'), 0o755);
    }
  });

  it('reports a path that does not exist', async () => {
    const r = await walk([join(root, 'nowhere')]);
    expect(r.files).toEqual([]);
    expect(r.problems[0].reason).toBe('cannot read (ENOENT)');
  });
});
