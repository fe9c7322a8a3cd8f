// Stands in for @eshaz/web-worker in the Worker: only the decoders' unused Web Worker
// variants reach it, so constructing one is an error.
export default class NoWorker {
  constructor() {
    throw new Error('Web Workers are not available in a Cloudflare Worker');
  }
}
