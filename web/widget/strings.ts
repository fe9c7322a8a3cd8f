// The widget's words, per language (`lang` attribute, else the page's, else English).
export const STRINGS = {
  en: {
    identify: 'Identify',
    stop: 'Stop',
    listening: 'Listening…',
    found: 'Found',
    noMatch: 'No match',
    noMatchDetail: 'This song is not in the catalog, or it was too quiet.',
    tryAgain: 'Try again',
    error: {
      mic_denied: 'The microphone is blocked for this site.',
      origin_not_allowed: 'This recognizer is not set up for this site.',
      key_invalid: 'This recognizer’s key is not valid.',
      rate_limited: 'Too many songs at once. Try again in a minute.',
      quota_exceeded: 'No more songs today. Try again tomorrow.',
      network: 'No connection to the recognizer.',
      other: 'Something went wrong.',
    },
  },
  fr: {
    identify: 'Identifier',
    stop: 'Arrêter',
    listening: 'J’écoute…',
    found: 'Trouvé',
    noMatch: 'Aucun résultat',
    noMatchDetail: 'Ce morceau n’est pas au catalogue, ou le son était trop faible.',
    tryAgain: 'Réessayer',
    error: {
      mic_denied: 'Le micro est bloqué pour ce site.',
      origin_not_allowed: 'Ce module n’est pas configuré pour ce site.',
      key_invalid: 'La clé de ce module n’est pas valide.',
      rate_limited: 'Trop de demandes à la fois. Réessayez dans une minute.',
      quota_exceeded: 'Plus de morceaux aujourd’hui. Réessayez demain.',
      network: 'Pas de connexion au service.',
      other: 'Une erreur est survenue.',
    },
  },
} as const;

export type Lang = keyof typeof STRINGS;
export type ErrorCode = keyof (typeof STRINGS)['en']['error'];

export function pickLang(attr: string | undefined, page: string): Lang {
  for (const tag of [attr, page, 'en']) {
    const base = (tag ?? '').toLowerCase().split('-')[0];
    if (base in STRINGS) return base as Lang;
  }
  return 'en';
}
