// The Worker's Env type comes from wrangler.toml (`npm run types`); a binding added to
// wrangler.toml without regenerating would leave the code typed against the old bindings.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('worker-api/worker-configuration.d.ts', () => {
  it('is what `npm run types` makes of wrangler.toml today', () => {
    let out = '';
    try {
      out = execFileSync('npm', ['run', '--silent', 'types', '--', '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
    }
    expect(out).toMatch(/are up to date/);
  });
});
