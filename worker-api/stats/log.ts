// One catalog row per identify answer: the figures of GET /stats come from these.
import type { IdentifyStatus } from '../../common/api-types';

export async function logQuery(db: D1Database, status: IdentifyStatus, ms: number, degraded: boolean): Promise<void> {
  await db.prepare('INSERT INTO queries (status, ms, degraded) VALUES (?1, ?2, ?3)').bind(status, ms, degraded ? 1 : 0).run();
}
