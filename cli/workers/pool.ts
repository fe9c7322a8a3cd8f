// A fixed pool of fingerprinting worker threads; jobs are served in submission order
// as workers free up.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FingerprintJob, FingerprintReply } from './protocol';

export class FingerprintPool {
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private queue: { job: FingerprintJob; resolve: (r: FingerprintReply) => void }[] = [];
  private pending = new Map<number, (r: FingerprintReply) => void>();
  private nextId = 0;

  constructor(size = availableParallelism()) {
    for (let i = 0; i < Math.max(1, size); i++) {
      const w = new Worker(new URL('./fingerprint-worker.mjs', import.meta.url));
      w.on('message', (r: FingerprintReply) => {
        this.pending.get(r.id)?.(r);
        this.pending.delete(r.id);
        this.idle.push(w);
        this.pump();
      });
      w.on('error', (e) => {
        for (const resolve of this.pending.values()) resolve({ id: -1, ok: false, error: `worker crashed: ${e.message}` });
        this.pending.clear();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  run(path: string, preset: string, overrides?: Record<string, unknown>): Promise<FingerprintReply> {
    return new Promise((resolve) => {
      this.queue.push({ job: { id: this.nextId++, path, preset, overrides }, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const { job, resolve } = this.queue.shift()!;
      this.pending.set(job.id, resolve);
      w.postMessage(job);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
