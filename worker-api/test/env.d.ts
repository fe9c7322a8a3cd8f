// Types for the test runtime: the Worker's bindings (the main module's exports come with
// the generated worker-configuration.d.ts).
import type { Env as WorkerEnv } from '../env';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
