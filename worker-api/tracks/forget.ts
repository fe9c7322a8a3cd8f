// Removing a track from everywhere, and the leftovers of uploads that died: one sequence for
// DELETE, for an upload that supersedes a track, and for the hourly cleanup.
import { deleteTrackArtwork } from '../artwork/store';
import { abandonedTracks, markDeleting, removeRow } from '../catalog';
import type { Env } from '../env';
import { deleteTrackHashes, shardsOf } from '../shards';

/** An upload with no write for this long died half-way: its leftovers may go. */
export const STALE_INGEST_MS = 10 * 60 * 1000;
/** Tracks one cleanup run removes at most (each costs a delete on every shard). */
const CLEANUP_BATCH = 50;

/**
 * Hidden first, so a shard failure leaves nothing half-visible (the row stays 'deleting'
 * and the next DELETE or cleanup finishes it), then its rows on every shard and its
 * pictures, then its row.
 */
export async function forgetTrack(env: Env, id: number): Promise<void> {
  await markDeleting(env.CATALOG, id);
  await deleteTrackHashes(shardsOf(env), env.HASH_LISTS, id);
  await deleteTrackArtwork(env.ARTWORK, id);
  await removeRow(env.CATALOG, id);
}

/** Removes abandoned uploads and half-done deletions; returns how many tracks went. */
export async function removeAbandoned(env: Env, now = Date.now()): Promise<number> {
  const ids = await abandonedTracks(env.CATALOG, new Date(now - STALE_INGEST_MS).toISOString(), CLEANUP_BATCH);
  for (const id of ids) await forgetTrack(env, id);
  return ids.length;
}
