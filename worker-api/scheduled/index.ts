// The Cron Trigger (wrangler.toml [triggers]): housekeeping that no request waits for.
import type { Env } from '../env';
import { purgeExpired } from '../idempotency';

export async function scheduled(_controller: ScheduledController, env: Env): Promise<void> {
  const purged = await purgeExpired(env.CATALOG);
  if (purged > 0) console.log(`cleanup: ${purged} expired idempotency keys deleted`);
}
