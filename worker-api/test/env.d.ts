// Types for the test runtime: the bindings of wrangler.toml and the main module's exports.
import type { Env as WorkerEnv } from '../env';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
    interface GlobalProps {
      mainModule: typeof import('../index');
    }
  }
}
