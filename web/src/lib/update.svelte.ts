// A new build of the app waits until the user asks for it: swapping the service worker
// under a running recording would change the files the open tab still loads.
export const update = $state({ ready: false });

let waiting: ServiceWorker | null = null;
const HOURLY_MS = 60 * 60_000;

export function watchForUpdates(reg: ServiceWorkerRegistration): void {
  const offer = (w: ServiceWorker | null) => {
    // the first install has nothing to replace
    if (!w || !navigator.serviceWorker.controller) return;
    waiting = w;
    update.ready = true;
  };
  offer(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const w = reg.installing;
    w?.addEventListener('statechange', () => w.state === 'installed' && offer(w));
  });
  const check = () => void reg.update().catch(() => undefined);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
  setInterval(check, HOURLY_MS);
}

/** The user said yes: the new worker takes over, then the page reloads into the new build. */
export function applyUpdate(): void {
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  waiting.postMessage({ type: 'skip-waiting' });
}
