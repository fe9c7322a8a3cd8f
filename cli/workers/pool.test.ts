import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../dsp/src/decode/index';
import { synthSong } from '../../dsp/testing/index';
import { FingerprintPool } from './pool';

const dir = mkdtempSync(join(tmpdir(), 'earshot-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RATE = 22050;
const songs = Array.from({ length: 6 }, (_, i) => {
  const path = join(dir, `song-${i}.wav`);
  writeFileSync(path, encodeWav({ sampleRate: RATE, channels: [synthSong(60 + i, 8, RATE)] }));
  return path;
});

/** The pool's busy workers (what a crash would hit). */
const busy = (pool: FingerprintPool) => [...(pool as unknown as { running: Map<Worker, unknown> }).running.keys()];

describe('FingerprintPool when a worker dies', () => {
  it('fails only the job that worker ran, replaces it, and finishes every other job', async () => {
    const pool = new FingerprintPool(2);
    try {
      const jobs = songs.map((p) => pool.run(p, 'index'));
      await new Promise((r) => setTimeout(r, 20));
      await busy(pool)[0].terminate();
      const replies = await Promise.all(jobs);
      const failed = replies.filter((r) => !r.ok);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^worker crashed: /) });
      expect(replies.filter((r) => r.ok)).toHaveLength(songs.length - 1);
    } finally {
      await pool.close();
    }
  });

  it('keeps serving when every worker dies (index must never wait for ever)', async () => {
    const pool = new FingerprintPool(2);
    try {
      const first = songs.slice(0, 2).map((p) => pool.run(p, 'index'));
      await new Promise((r) => setTimeout(r, 20));
      await Promise.all(busy(pool).map((w) => w.terminate()));
      expect((await Promise.all(first)).every((r) => !r.ok)).toBe(true);
      const after = await Promise.all(songs.slice(2, 4).map((p) => pool.run(p, 'index')));
      expect(after.every((r) => r.ok)).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
