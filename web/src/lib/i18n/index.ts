// The app's languages. Each concept keeps its words for every language in one file of this
// folder (`defineWords`), so a missing translation is a type error, not an English gap.

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/** The first of `tags` (BCP 47, best first) whose language we speak; English otherwise. */
export function pickLang(tags: readonly (string | null | undefined)[]): Lang {
  for (const tag of tags) {
    const base = (tag ?? '').toLowerCase().split('-')[0];
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}

/** A concept's words: English is the shape every other language must fill. */
export function defineWords<T>(words: { en: T } & Record<Exclude<Lang, 'en'>, T>): Record<Lang, T> {
  return words;
}

/** The browser's language, chosen once per page load. */
export const lang: Lang = pickLang(typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language]);
