// How an entry is said in the history's lists: its title line and its facts line.
import { confidenceWords } from '../words';
import { lang } from '../i18n/index';
import { tHistory } from '../i18n/history';
import type { HistoryEntry } from './store';

const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });

export function when(ms: number): string {
  return dateTime.format(ms);
}

/** "Title by Artist", or "No match". */
export function entryLabel(e: HistoryEntry): string {
  return e.track ? tHistory.by(e.track.title, e.track.artist) : tHistory.noMatch;
}

/** Where it came from and how sure: "microphone · heard offline · very sure". */
export function entryFacts(e: HistoryEntry): string {
  const parts = [e.source === 'mic' ? tHistory.mic : tHistory.file];
  if (e.identifiedAt) parts.push(tHistory.heardOffline);
  if (e.answeredBy) parts.push(tHistory.namedBy(e.answeredBy === 'hybrid'));
  else if (e.confidence !== undefined) parts.push(confidenceWords(e.confidence, lang).toLowerCase());
  return parts.join(' · ');
}
