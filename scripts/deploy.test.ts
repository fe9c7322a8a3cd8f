import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The deploy script run on a copy of the repository's scripts and wrangler.toml. */
function deploy(toml: (text: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-deploy-'));
  cpSync('scripts/deploy.mjs', join(dir, 'scripts/deploy.mjs'));
  cpSync('scripts/wrangler-config.mjs', join(dir, 'scripts/wrangler-config.mjs'));
  writeFileSync(join(dir, 'wrangler.toml'), toml(readFileSync('wrangler.toml', 'utf8')));
  return spawnSync(process.execPath, [join(dir, 'scripts/deploy.mjs'), '--dry-run'], { encoding: 'utf8' });
}

describe('npm run deploy', () => {
  it("refuses the repository's made-up ids, naming each database and namespace to create", () => {
    const r = deploy((t) => t);
    expect(r.status).toBe(2);
    for (const b of ['CATALOG', 'INDEX_0', 'INDEX_1', 'RESULTS']) expect(r.stderr).toContain(b);
  });

  it('migrates every D1 database remotely before it builds and deploys', () => {
    let n = 0;
    const r = deploy((t) => t.replace(/(database_id|^id)\s*=\s*"[^"]+"/gm, (_m, k) => `${k} = "${(++n).toString(16).padStart(32, 'a')}"`));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      '$ npx wrangler d1 migrations apply CATALOG --remote',
      '$ npx wrangler d1 migrations apply INDEX_0 --remote',
      '$ npx wrangler d1 migrations apply INDEX_1 --remote',
      '$ npm run build',
      '$ npx wrangler deploy',
    ]);
  });
});
