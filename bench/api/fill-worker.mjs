// Worker-thread entry for fill.ts: module hooks are per thread, so register tsx here.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { buildShard } = await import('./fill.ts');
parentPort.postMessage(buildShard(workerData));
