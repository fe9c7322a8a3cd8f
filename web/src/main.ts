import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { engine } from './lib/engine';
import { setHost } from './lib/host';
import workletUrl from './lib/capture.worklet.js?worker&url';
import { watchForUpdates } from './lib/update.svelte';
import { lang } from './lib/i18n/index';

function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  navigator.serviceWorker
    .register('/sw.js')
    .then(watchForUpdates)
    .catch((err) => console.warn('earshot: no offline support', err));
}

setHost({
  apiBase: '',
  apiHeaders: {},
  engineWorker: () => new Worker(new URL('./lib/engine.worker.ts', import.meta.url), { type: 'module' }),
  workletUrl: () => workletUrl,
});

// start compiling the engine now, not at the first tap; the mark is for the app benchmark.
// The service worker installs afterwards: its precache would compete with the engine's fetch.
engine()
  .ready()
  .then(() => performance.mark('earshot:engine-ready'))
  .catch((err) => console.error('earshot: engine failed to load', err))
  .finally(registerServiceWorker);

// the page is written in English; the app speaks the browser's language when we have it
document.documentElement.lang = lang;
mount(App, { target: document.getElementById('app')! });
