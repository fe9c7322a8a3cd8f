import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiUnavailable } from './api/client';
import { main } from './main';
import { FP_VERSION } from '../dsp/src/index';
import { createServer } from 'node:net';

function capture() {
  const out = vi.spyOn(console, 'log').mockImplementation(() => {});
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  return { out: () => out.mock.calls.flat().join('\n'), err: () => err.mock.calls.flat().join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('earshot, as a new user meets it', () => {
  it('prints the help to stderr with exit 2 when run bare, and to stdout for --help', async () => {
    let io = capture();
    expect(await main([])).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/^earshot <command> \[options\]/);
    vi.restoreAllMocks();
    io = capture();
    expect(await main(['--help'])).toBe(0);
    expect(io.out()).toMatch(/identify <files\.\.\.>/);
  });

  it.each(['index', 'identify', 'export', 'import', 'stats', 'dedupe', 'bench'])('answers `%s --help` with its usage and exit 0', async (name) => {
    const io = capture();
    expect(await main([name, '--help'])).toBe(0);
    expect(io.out()).toMatch(new RegExp(`^earshot ${name}\\b`));
    expect(io.out()).toMatch(/Exit codes/);
  });

  it('refuses a dedupe --min-class that is not a class, before reading any file', async () => {
    for (const bad of ['toString', 'different', 'same']) {
      const io = capture();
      expect(await main(['dedupe', '/nonexistent', '--min-class', bad])).toBe(2);
      expect(io.err()).toMatch(/--min-class takes identical, same_recording or related_version/);
      vi.restoreAllMocks();
    }
  });

  it('says its version and fingerprint format', async () => {
    const io = capture();
    expect(await main(['--version'])).toBe(0);
    expect(io.out()).toMatch(new RegExp(`^earshot \\d+\\.\\d+\\.\\d+ \\(fingerprint format fp_version ${FP_VERSION}\\)$`));
  });

  it('knows its own commands only', async () => {
    const io = capture();
    expect(await main(['constructor'])).toBe(2);
    expect(io.err()).toMatch(/unknown command 'constructor'/);
  });

  it('reports an API that nobody answers at once, with the address, instead of retrying for half a minute', async () => {
    // a port that was just free: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const started = Date.now();
    const err = await new ApiClient(`http://127.0.0.1:${port}`, { retries: 6 }).request('GET', '/stats').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiUnavailable);
    expect((err as Error).message).toMatch(new RegExp(`nothing answers at http://127.0.0.1:${port} \\(connection refused\\)`));
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
