// Numbers from the API, said the way a listener reads them.

export { confidenceWords } from '../../../common/confidence-words';
import { defineWords, lang, type Lang } from './i18n/index';

/** 83.4 -> "1:23" */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const syncWords = defineWords({
  en: {
    named: (n: number) => `${n === 1 ? '1 song' : `${n} songs`} you heard offline ${n === 1 ? 'was' : 'were'} identified`,
    unnamed: (n: number) => `${n === 1 ? '1 recording' : `${n} recordings`} could not be named`,
    why: ' (not in the catalog, or too noisy)',
  },
  fr: {
    named: (n: number) => (n === 1 ? '1 morceau entendu hors ligne a été identifié' : `${n} morceaux entendus hors ligne ont été identifiés`),
    unnamed: (n: number) => (n === 1 ? '1 enregistrement n’a pas pu être nommé' : `${n} enregistrements n’ont pas pu être nommés`),
    why: ' (absent du catalogue, ou trop de bruit)',
  },
});

/** What a sync of the offline queue did, in one sentence. */
export function offlineSyncWords(identified: number, notFound: number, l: Lang = lang): string {
  const w = syncWords[l];
  const named = w.named(identified);
  const unnamed = w.unnamed(notFound);
  if (identified > 0 && notFound > 0) return `${named}; ${unnamed}.`;
  return identified > 0 ? `${named}.` : `${unnamed.charAt(0).toUpperCase()}${unnamed.slice(1)}${w.why}.`;
}
