// A station's play log as the page holds it: newest first, one row per play id, whatever
// order the pages and the live feed deliver them in.
import type { Play, PlayList } from '../../../common/api-types';

export interface Log {
  plays: Play[];
  /** Cursor of the next older page; null when the oldest play is shown. */
  older: string | null;
}

const newestFirst = (a: Play, b: Play) => Date.parse(b.start) - Date.parse(a.start);

/** A play opened, extended or closed: replaces the row with its id, or takes its place by start time. */
export function upsertPlay(plays: Play[], play: Play): Play[] {
  const rest = plays.filter((p) => p.id !== play.id);
  return [...rest, play].sort(newestFirst);
}

/**
 * A page fetched in order, the first or the next older one: its plays join the log (a play
 * the live feed brought meanwhile, or one that moved across a page boundary, stays one row)
 * and its cursor is the log's next.
 */
export function addPage(log: Log, page: PlayList): Log {
  return { plays: page.plays.reduce(upsertPlay, log.plays), older: page.next_cursor };
}

/**
 * The newest page fetched again after the live feed was lost. When it reaches back to a play
 * already shown, it fills the gap; when it does not, more plays were missed than one page
 * holds, and the log starts over from it (with its cursor) rather than show a silent hole.
 */
export function mergeNewest(log: Log, page: PlayList): Log {
  const shown = new Set(log.plays.map((p) => p.id));
  const reaches = page.next_cursor === null || page.plays.some((p) => shown.has(p.id));
  if (!reaches) return { plays: page.plays, older: page.next_cursor };
  return { plays: page.plays.reduce(upsertPlay, log.plays), older: log.older };
}
