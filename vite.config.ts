// The Earshot PWA: sources in web/, built into dist/, which the Worker serves as static assets.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { afterBuild } from './web/build/after-build.ts';

// Two pages, each its own entry: the identify app, and the radio dashboard at /stations (wrangler's
// default html_handling serves stations.html there), so a listener's first load carries no dashboard code.
const page = (file: string) => new URL(`./web/${file}`, import.meta.url).pathname;
const input = { index: page('index.html'), stations: page('stations.html') };

// A deploy label stamped into every bundle when set (EARSHOT_BUILD_ID=...): a served file
// then says which build it came from, and every file name changes with it. Unset, names
// change only with content, so a deploy that changes nothing keeps the browsers' caches.
const buildId = process.env.EARSHOT_BUILD_ID;
const stamp = buildId ? { output: { banner: `/*! earshot build ${buildId.replace(/[^\w.-]/g, '')} */` } } : {};

export default defineConfig({
  root: 'web',
  publicDir: '../public',
  plugins: [
    svelte(),
    // the widget, the service worker and dist/.gitkeep, in that order
    afterBuild(),
  ],
  worker: { format: 'es', rolldownOptions: stamp },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { ...stamp, input },
    // the engine's .wasm must stay a file: the worker compiles it with compileStreaming
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
  },
  server: {
    // `vite dev` proxies the API to a running `npm start` / `wrangler dev`
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
