// Worker-thread entry: registers tsx, then runs the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./fingerprint-worker.ts');
