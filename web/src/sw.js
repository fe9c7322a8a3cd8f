// Earshot's service worker: keeps the app shell (HTML, JS, CSS, the engine's WASM, icons)
// so the app opens offline. The build replaces the two placeholders below.
/// <reference lib="webworker" />
const SHELL = self.__SHELL__;
const CACHE = `earshot-shell-${self.__VERSION__}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // one by one: a single missing file must not leave the whole shell uncached
      for (const url of SHELL) {
        try {
          await cache.add(new Request(url, { cache: 'reload' }));
        } catch (err) {
          console.warn('earshot sw: could not cache', url, err);
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('earshot-shell-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  // answers and catalog data must be fresh; demo audio streams with range requests
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/demo/')) return;
  if (event.request.mode === 'navigate') {
    // the page: network first so a deploy shows at once, the cached shell when offline
    event.respondWith(
      fetch(event.request).catch(async () => (await caches.match('/', { cacheName: CACHE })) ?? Response.error()),
    );
    return;
  }
  // hashed assets never change under the same name: cache first, and keep what was missed
  event.respondWith(
    (async () => {
      const cached = await caches.match(event.request, { cacheName: CACHE });
      if (cached) return cached;
      const response = await fetch(event.request);
      if (response.ok) (await caches.open(CACHE)).put(event.request, response.clone());
      return response;
    })(),
  );
});
