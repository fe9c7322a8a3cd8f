// Numbers from the API, said the way a listener reads them.

export { confidenceWords } from '../../../common/confidence-words';

/** 83.4 -> "1:23" */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** What a sync of the offline queue did, in one sentence. */
export function offlineSyncWords(identified: number, notFound: number): string {
  const named = `${identified === 1 ? '1 song' : `${identified} songs`} you heard offline ${identified === 1 ? 'was' : 'were'} identified`;
  const unnamed = `${notFound === 1 ? '1 recording' : `${notFound} recordings`} could not be named`;
  if (identified > 0 && notFound > 0) return `${named}; ${unnamed}.`;
  return identified > 0 ? `${named}.` : `${unnamed.charAt(0).toUpperCase()}${unnamed.slice(1)} (not in the catalog, or too noisy).`;
}
