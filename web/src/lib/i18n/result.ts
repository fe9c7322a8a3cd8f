// The words of the result card and its share sheet.
import type { ListenService } from '../../../../common/links';
import { defineWords, lang } from './index';

type Answerer = 'local' | 'acrcloud' | 'hybrid';

export const resultWords = defineWords({
  en: {
    found: 'Found it',
    cover: (title: string) => `Cover of ${title}`,
    confidence: 'Confidence',
    score: 'Score',
    scoreValue: (score: number | null) => `${score ?? '–'} / 100 (ACRCloud’s)`,
    source: 'Source',
    sources: { local: 'Earshot’s catalog', acrcloud: 'ACRCloud', hybrid: 'Earshot’s catalog and ACRCloud agree' } satisfies Record<Answerer, string>,
    society: 'Rights society',
    societyGuess: (country: string | null) => `(a guess from the ISRC’s country${country ? `, ${country}` : ''})`,
    heardAt: 'Heard at',
    heardValue: (clock: string) => `${clock} into the track`,
    speed: 'Speed',
    speedValue: (pct: number) => `played ${Math.abs(pct)} % ${pct > 0 ? 'fast' : 'slow'}`,
    degraded: 'Part of the catalog could not be searched just now; the answer may be incomplete.',
    listenOn: 'Listen on',
    services: { spotify: 'Spotify', apple: 'Apple Music', youtube: 'YouTube', web: 'Web search' } satisfies Record<ListenService, string>,
    newTab: '(opens in a new tab)',
    copy: 'Copy',
    copied: 'Copied',
    copyRefused: 'Copy is not allowed here',
    share: 'Share',
    shareTitle: 'Share this song',
    copyLink: 'Copy link',
    copyText: 'Copy text',
    linkCopied: 'Link copied',
    textCopied: 'Text copied',
    close: 'Close',
  },
  fr: {
    found: 'Trouvé',
    cover: (title: string) => `Pochette de ${title}`,
    confidence: 'Confiance',
    score: 'Score',
    scoreValue: (score: number | null) => `${score ?? '–'} / 100 (selon ACRCloud)`,
    source: 'Source',
    sources: { local: 'Catalogue d’Earshot', acrcloud: 'ACRCloud', hybrid: 'Le catalogue d’Earshot et ACRCloud concordent' },
    society: 'Société de gestion',
    societyGuess: (country: string | null) => `(déduite du pays de l’ISRC${country ? `, ${country}` : ''})`,
    heardAt: 'Entendu à',
    heardValue: (clock: string) => `${clock} du morceau`,
    speed: 'Vitesse',
    speedValue: (pct: number) => `joué ${Math.abs(pct)} % trop ${pct > 0 ? 'vite' : 'lentement'}`,
    degraded: 'Une partie du catalogue n’a pas pu être consultée ; la réponse est peut-être incomplète.',
    listenOn: 'Écouter sur',
    services: { spotify: 'Spotify', apple: 'Apple Music', youtube: 'YouTube', web: 'Recherche web' },
    newTab: '(nouvel onglet)',
    copy: 'Copier',
    copied: 'Copié',
    copyRefused: 'La copie n’est pas autorisée ici',
    share: 'Partager',
    shareTitle: 'Partager ce morceau',
    copyLink: 'Copier le lien',
    copyText: 'Copier le texte',
    linkCopied: 'Lien copié',
    textCopied: 'Texte copié',
    close: 'Fermer',
  },
});

/** This page's words. */
export const RESULT = resultWords[lang];
