// Earshot's service worker. It keeps the app shell of each build in a cache of its own
// (every built file; hashed names, so builds never overwrite each other's files), waits
// for the user before a new build takes over, keeps an older build's files while a tab
// still runs it, sends the offline queue on Background Sync, and receives audio files
// shared to the installed app.
/// <reference lib="webworker" />
import { SYNC_TAG, syncPending } from './lib/sync';
import { keepSharedFile, SHARE_FIELD, SHARE_TARGET_PATH, sharedUrl } from './lib/shared-file';

declare const self: ServiceWorkerGlobalScope;
/** Filled in by the build (web/build/service-worker.ts). */
declare const __SHELL__: string[];
declare const __VERSION__: string;

const PREFIX = 'earshot-shell-';
const CACHE = `${PREFIX}${__VERSION__}`;
/** A navigation the network has not answered by then is served from the cache. */
const NAVIGATION_TIMEOUT_MS = 3_000;

/** Window clients that loaded this build's page: when every open window is one, older shells can go. */
const ours = new Set<string>();

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // one by one: a single missing file must not leave the whole shell uncached
      for (const url of __SHELL__) {
        try {
          await cache.add(new Request(url, { cache: 'reload' }));
        } catch (err) {
          console.warn('earshot sw: could not cache', url, err);
        }
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim().then(pruneOldShells));
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'skip-waiting') void self.skipWaiting();
});

self.addEventListener('sync', (event: Event) => {
  const e = event as ExtendableEvent & { tag: string };
  if (e.tag !== SYNC_TAG) return;
  e.waitUntil(
    syncPending().then((report) => {
      // rejecting asks the browser to fire the sync again later
      if (report === null || report.waiting > 0) throw new Error('recordings still waiting');
    }),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === 'POST' && url.origin === self.location.origin && url.pathname === SHARE_TARGET_PATH) {
    event.respondWith(receiveShare(event.request));
    return;
  }
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  // answers and catalog data must be fresh; demo audio streams with range requests; a shared
  // answer (/r/<token>) is the Worker's page, not the app's shell
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/demo/') || url.pathname.startsWith('/r/')) return;
  if (event.request.mode === 'navigate') {
    if (event.resultingClientId) ours.add(event.resultingClientId);
    event.respondWith(navigation(event.request));
    event.waitUntil(pruneOldShells());
    return;
  }
  event.respondWith(asset(event.request));
});

/**
 * Network first, so a deploy shows; the cached page when offline or when the network dawdles:
 * the page asked for (/stations is a page of its own), else the app's.
 */
async function navigation(request: Request): Promise<Response> {
  const network = fetch(request);
  network.catch(() => undefined);
  const cached = (await caches.match(new URL(request.url).pathname, { cacheName: CACHE })) ?? (await caches.match('/', { cacheName: CACHE }));
  if (!cached) return network;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Response>((resolve) => (timer = setTimeout(() => resolve(cached), NAVIGATION_TIMEOUT_MS)));
  try {
    // a redirect (/stations.html to /stations) is an answer too: the browser follows it
    return await Promise.race([network.then((r) => (r.ok || r.type === 'opaqueredirect' ? r : cached)), late]);
  } catch {
    return cached;
  } finally {
    clearTimeout(timer);
  }
}

/** A share from another app: the file kept, the app sent to identify it (303: the POST becomes a GET). */
async function receiveShare(request: Request): Promise<Response> {
  let id = 'none';
  try {
    const file = (await request.formData()).get(SHARE_FIELD);
    if (file instanceof File && file.size > 0) id = await keepSharedFile(file);
  } catch (err) {
    // not multipart, or cut short: the app says the file did not arrive
    console.warn('earshot sw: unreadable share', err);
  }
  return Response.redirect(new URL(sharedUrl(id), self.location.origin).href, 303);
}

/** Hashed files never change under one name: from any build's cache, else the network. */
async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(CACHE).then((c) => c.put(request, copy));
  }
  return response;
}

/** Drops older builds' shells once no open window runs one (a tab still on it fetches its files lazily). */
async function pruneOldShells(): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.some((w) => !ours.has(w.id))) return;
  for (const key of await caches.keys()) {
    if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
  }
}
