import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { engine } from './lib/engine';

// start compiling the engine now, not at the first tap; the mark is for the app benchmark
void engine()
  .ready()
  .then(() => performance.mark('earshot:engine-ready'))
  .catch((err) => console.error('earshot: engine failed to load', err));

mount(App, { target: document.getElementById('app')! });

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void navigator.serviceWorker.register('/sw.js').catch((err) => console.warn('earshot: no offline support', err));
}
