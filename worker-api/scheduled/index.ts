// The Cron Trigger (wrangler.toml [triggers]): housekeeping that no request waits for:
// expired idempotency keys, uploads that died half-way, deletions that stopped half-way.
import type { Env } from '../env';
import { purgeExpired } from '../idempotency';
import { removeAbandoned } from '../tracks/forget';

export async function scheduled(_controller: ScheduledController, env: Env): Promise<void> {
  const purged = await purgeExpired(env.CATALOG);
  if (purged > 0) console.log(`cleanup: ${purged} expired idempotency keys deleted`);
  const removed = await removeAbandoned(env);
  if (removed > 0) console.log(`cleanup: ${removed} abandoned uploads or unfinished deletions removed`);
}
