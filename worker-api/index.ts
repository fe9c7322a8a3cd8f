// The Worker: the app (app.ts), the Cron Trigger and the Durable Object classes.
import type { Env } from './env';
import { app } from './app';
import { scheduled } from './scheduled';

export { KeyMeter } from './keys/meter';
export { AcrBudget } from './acrcloud/budget';
export { StationMonitor } from './stations';
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;
