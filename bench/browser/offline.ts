// The offline queue's benchmark: IndexedDB bytes per pending item (a real 12 s recording),
// the time from the network's return to 20 pending items identified, and the service
// worker's precache. Timings are measured here, never asserted in tests.
//
//   npm run bench -- offline [--runs 3]
//   (writes bench-results/offline.json and prints a summary)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { shellOf } from '../../web/build/service-worker';
import { CLIP_TRACK } from '../../test/browser/server';
import { controlled, openApp } from '../../test/browser/app';
import { writeClip } from '../../test/browser/clips';
import { startRelay } from '../../test/browser/proxy';
import { root, startStack } from '../../test/browser/stack';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, items: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
const items = Number(values.items);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// (no named helpers inside page.evaluate: tsx's keepNames would wrap them in a __name the page lacks)

/** The queue as stored: each item's metadata (structured-clone size ~ its JSON) and body. */
function storedBytes(page: Page): Promise<{ count: number; meta: number; body: number; usage: number }> {
  return page.evaluate(async () => {
    const open = indexedDB.open('earshot');
    const db = await new Promise<IDBDatabase>((ok) => (open.onsuccess = () => ok(open.result)));
    const [metas, bodies] = await Promise.all(
      ['pending', 'pending_bodies'].map(
        (store) =>
          new Promise<unknown[]>((ok) => {
            const q = db.transaction(store).objectStore(store).getAll();
            q.onsuccess = () => ok(q.result);
          }),
      ),
    );
    const usage = (await navigator.storage.estimate()).usage ?? 0;
    let meta = 0;
    for (const m of metas) meta += JSON.stringify(m).length;
    let body = 0;
    for (const b of bodies as Uint8Array[]) body += b.byteLength;
    db.close();
    return { count: metas.length, meta, body, usage };
  });
}

/** Copies the first pending item under new ids (new Idempotency-Keys) until `n` wait. */
function fillQueue(page: Page, n: number): Promise<void> {
  return page.evaluate(async (n) => {
    const open = indexedDB.open('earshot');
    const db = await new Promise<IDBDatabase>((ok) => (open.onsuccess = () => ok(open.result)));
    const tx = db.transaction(['pending', 'pending_bodies'], 'readwrite');
    const [items, bodies] = await Promise.all(
      ['pending', 'pending_bodies'].map(
        (store) =>
          new Promise<unknown[]>((ok) => {
            const q = tx.objectStore(store).getAll();
            q.onsuccess = () => ok(q.result);
          }),
      ),
    );
    const first = items[0] as { id: string; at: number };
    for (let i = items.length; i < n; i++) {
      const id = crypto.randomUUID();
      tx.objectStore('pending').add({ ...first, id, at: first.at + i });
      tx.objectStore('pending_bodies').add(bodies[0], id);
    }
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  }, n);
}

const stack = await startStack();
const relay = await startRelay(stack.baseUrl);
const offline = async (c: BrowserContext) => (relay.down(), c.setOffline(true));
try {
  const clip = writeClip(join(stack.work, 'bench.wav'), { seed: CLIP_TRACK.seed, fromS: 3, seconds: 14 });
  const app = await openApp(relay.url, { clip });
  const { page, context } = app;
  await controlled(page);
  const empty = await storedBytes(page);
  await offline(context);
  await page.getByRole('button', { name: 'Identify' }).click();
  await page.getByRole('heading', { name: 'Kept for later' }).waitFor({ timeout: 30_000 });
  const one = await storedBytes(page);

  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    await fillQueue(page, items);
    await page.reload();
    const back = Date.now();
    relay.up();
    await context.setOffline(false);
    while ((await storedBytes(page)).count > 0) await page.waitForTimeout(25);
    times.push(Date.now() - back);
    if (r < runs - 1) {
      // a fresh source item for the next run, recorded again
      await offline(context);
      await page.getByRole('button', { name: 'Identify' }).click();
      await page.getByRole('heading', { name: 'Kept for later' }).waitFor({ timeout: 30_000 });
    }
  }
  await app.close();

  const shell = shellOf(join(root, 'dist'));
  const result = {
    date: new Date().toISOString(),
    pending_item_bytes: { metadata: one.meta - empty.meta, body_gzip: one.body - empty.body, storage_estimate_delta: one.usage - empty.usage },
    online_to_identified_ms: { items, runs: times, median: median(times) },
    precache: { files: shell.urls.length, bytes: shell.bytes },
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results/offline.json'), JSON.stringify(result, null, 2));
  console.log(`a pending 12 s recording: ${result.pending_item_bytes.body_gzip} B of hashes (gzip) + ${result.pending_item_bytes.metadata} B of metadata; storage estimate +${result.pending_item_bytes.storage_estimate_delta} B`);
  console.log(`online to ${items} pending items identified: median ${median(times)} ms (${times.join(', ')})`);
  console.log(`service worker precache: ${shell.urls.length} files, ${(shell.bytes / 1024).toFixed(1)} KB`);
} finally {
  await relay.close();
  stack.stop();
}
