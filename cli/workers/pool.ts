// A fixed pool of fingerprinting worker threads; jobs are served in submission order as
// workers free up. A worker that dies fails only the job it was running, and a new worker
// takes its place: one crash must neither fail other files nor, when every worker dies,
// leave `index` waiting for ever.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FingerprintJob, FingerprintReply, JobOptions } from './protocol';

type Waiting = { job: FingerprintJob; resolve: (r: FingerprintReply) => void };

export class FingerprintPool {
  private readonly workers = new Set<Worker>();
  private idle: Worker[] = [];
  private queue: Waiting[] = [];
  /** The job each busy worker runs. */
  private readonly running = new Map<Worker, Waiting>();
  private nextId = 0;
  private closing = false;

  constructor(size = availableParallelism()) {
    for (let i = 0; i < Math.max(1, size); i++) this.spawn();
  }

  private spawn(): void {
    const w = new Worker(new URL('./fingerprint-worker.mjs', import.meta.url));
    w.on('message', (r: FingerprintReply) => {
      this.running.get(w)?.resolve(r);
      this.running.delete(w);
      this.idle.push(w);
      this.pump();
    });
    // 'error' (an uncaught exception) is followed by 'exit'; one place handles both
    let why = 'it exited';
    w.on('error', (e) => (why = e.message));
    w.on('exit', (code) => {
      this.workers.delete(w);
      this.idle = this.idle.filter((x) => x !== w);
      const lost = this.running.get(w);
      this.running.delete(w);
      if (this.closing) return;
      lost?.resolve({ id: lost.job.id, ok: false, error: `worker crashed: ${why} (exit code ${code})` });
      this.spawn();
      this.pump();
    });
    this.workers.add(w);
    this.idle.push(w);
  }

  run(path: string, preset: string, opts: JobOptions = {}): Promise<FingerprintReply> {
    return new Promise((resolve) => {
      this.queue.push({ job: { id: this.nextId++, path, preset, ...opts }, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const waiting = this.queue.shift()!;
      this.running.set(w, waiting);
      w.postMessage(waiting.job);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}
