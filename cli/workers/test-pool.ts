// For tests: a one-worker pool and a scratch folder for the files it reads, both gone
// after the test file's last test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { FingerprintPool } from './pool';

export function testPool(name: string): { dir: string; pool: FingerprintPool } {
  const dir = mkdtempSync(join(tmpdir(), `earshot-${name}-`));
  const pool = new FingerprintPool(1);
  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, pool };
}
