import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexState } from './state';

const dir = mkdtempSync(join(tmpdir(), 'earshot-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'state.jsonl');
const a = { path: '/m/a.ogg', size: 100, mtimeMs: 5 };
const b = { path: '/m/b.ogg', size: 200, mtimeMs: 6 };

describe('the resume log', () => {
  it('remembers outcomes per API across runs, survives a torn last line, and redoes changed files', () => {
    const first = new IndexState(file, 'http://api-1');
    first.record(a, { outcome: 'created', track: 7 }, { sha1: 'f'.repeat(40), seconds: 12 });
    first.record(b, { outcome: 'skipped', reason: 'empty: the file is empty' });
    first.close();
    appendFileSync(file, '{"api":"http://api-1","path":"/m/c.og'); // killed mid-write

    const again = new IndexState(file, 'http://api-1');
    expect(again.lookup(a)).toMatchObject({ outcome: 'created', track: 7, seconds: 12 });
    expect(again.lookup(b)).toMatchObject({ outcome: 'skipped' });
    expect(again.lookup({ ...a, mtimeMs: 9 })).toBeUndefined();
    expect(again.lookup({ ...b, size: 201 })).toBeUndefined();
    const c = { path: '/m/c.ogg', size: 300, mtimeMs: 7 };
    again.record(c, { outcome: 'exists', track: 3 });
    again.close();
    const reread = new IndexState(file, 'http://api-1');
    expect(reread.lookup(c)).toMatchObject({ outcome: 'exists', track: 3 });
    reread.close();

    const other = new IndexState(file, 'http://api-2');
    expect(other.lookup(a)).toBeUndefined();
    other.close();
    expect(readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{"api"')).length).toBe(4);
  });
});
