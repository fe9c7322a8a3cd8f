// The shell's words: the navigation, each view's title, the Identify screen's own notices
// (outside the listening and result components) and what the live region announces.
import { defineWords, lang } from './index';

export const appWords = defineWords({
  en: {
    appTitle: 'Earshot: name that song',
    tagline: 'Hold your phone near the music and tap Identify.',
    nav: { label: 'Views', identify: 'Identify', history: 'History', more: 'More' },
    title: { history: 'History', more: 'More', missing: 'Page not found' },
    missing: { detail: 'There is no page at this address.', home: 'Back to Identify' },
    update: { ready: 'A new version of Earshot is ready.', reload: 'Reload' },
    dismiss: 'Dismiss',
    asking: "Not in Earshot's catalog. Asking ACRCloud…",
    reading: (s: number) => (s > 0 ? `Reading the file… ${s} s checked` : 'Reading the file…'),
    noMatch: {
      title: 'No match',
      mic: (s: number) => `Earshot could not name this song in ${s} seconds. It may not be in the catalog, or it was too quiet or noisy.`,
      file: 'Earshot could not name the song in this file. It may not be in the catalog.',
    },
    tryAgain: 'Try again',
    queued: {
      title: 'Kept for later',
      detail: 'You are offline. Earshot saved this recording’s fingerprint (never the audio) and will name the song as soon as you are back online.',
      again: 'Identify another',
    },
    sharedMissing: 'The shared audio file did not reach Earshot. Share it again.',
    say: {
      listening: 'Listening',
      reading: 'Reading the file',
      asking: 'Asking ACRCloud',
      found: (title: string, artist: string | null) => `Found: ${title}${artist ? ` by ${artist}` : ''}`,
    },
  },
  fr: {
    appTitle: 'Earshot : quelle est cette chanson ?',
    tagline: 'Approchez le téléphone de la musique et touchez Identifier.',
    nav: { label: 'Vues', identify: 'Identifier', history: 'Historique', more: 'Plus' },
    title: { history: 'Historique', more: 'Plus', missing: 'Page introuvable' },
    missing: { detail: 'Il n’y a pas de page à cette adresse.', home: 'Retour à Identifier' },
    update: { ready: 'Une nouvelle version d’Earshot est prête.', reload: 'Recharger' },
    dismiss: 'Fermer',
    asking: 'Absente du catalogue d’Earshot. Question posée à ACRCloud…',
    reading: (s: number) => (s > 0 ? `Lecture du fichier… ${s} s analysées` : 'Lecture du fichier…'),
    noMatch: {
      title: 'Aucun résultat',
      mic: (s: number) => `Earshot n’a pas reconnu ce morceau en ${s} secondes. Il n’est peut-être pas au catalogue, ou le son était trop faible ou trop bruyant.`,
      file: 'Earshot n’a pas reconnu le morceau de ce fichier. Il n’est peut-être pas au catalogue.',
    },
    tryAgain: 'Réessayer',
    queued: {
      title: 'Gardé pour plus tard',
      detail: 'Vous êtes hors ligne. Earshot a gardé l’empreinte de cet enregistrement (jamais le son) et nommera le morceau dès le retour du réseau.',
      again: 'En identifier un autre',
    },
    sharedMissing: 'Le fichier audio partagé n’est pas arrivé jusqu’à Earshot. Partagez-le de nouveau.',
    say: {
      listening: 'Écoute en cours',
      reading: 'Lecture du fichier',
      asking: 'Question posée à ACRCloud',
      found: (title: string, artist: string | null) => `Trouvé : ${title}${artist ? ` par ${artist}` : ''}`,
    },
  },
});

export const tApp = appWords[lang];

/** A view's document title: "<view> · Earshot", or the app's own on the Identify screen. */
export function documentTitle(view?: string): string {
  return view ? `${view} · Earshot` : tApp.appTitle;
}
