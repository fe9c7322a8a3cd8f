// The words of the listening screen: the identify button, the level meter, the time, the
// coaching and the keep-listening control.
import { defineWords, lang } from './index';

export const listeningWords = defineWords({
  en: {
    identify: 'Identify',
    stop: 'Stop',
    listening: 'Listening…',
    /** "0:07 of 0:15", read out in full. */
    timeLabel: (elapsed: number, limit: number) => `${elapsed} seconds of ${limit}`,
    soundsGood: 'Sounds good. Keep holding still.',
    offline: 'You are offline: Earshot keeps this recording and names the song when you are back online.',
    coaching: {
      too_quiet: 'Too quiet: move closer to the music',
      clipping: 'Clipping: the sound is too loud, move away a little',
      noisy: 'Noisy: hold the phone closer to the speaker',
    },
    level: 'Input level',
    silent: 'silent',
    keepListening: 'Keep listening',
    keepListeningHint: (limit: string) => `Long intro? Listen up to ${limit}.`,
  },
  fr: {
    identify: 'Identifier',
    stop: 'Arrêter',
    listening: 'J’écoute…',
    timeLabel: (elapsed: number, limit: number) => `${elapsed} secondes sur ${limit}`,
    soundsGood: 'Le son est bon. Ne bougez pas.',
    offline: 'Vous êtes hors ligne : Earshot garde cet enregistrement et nommera le morceau dès votre retour en ligne.',
    coaching: {
      too_quiet: 'Trop faible : approchez-vous de la musique',
      clipping: 'Saturation : le son est trop fort, éloignez-vous un peu',
      noisy: 'Bruyant : tenez le téléphone plus près du haut-parleur',
    },
    level: 'Niveau d’entrée',
    silent: 'silence',
    keepListening: 'Continuer d’écouter',
    keepListeningHint: (limit: string) => `Longue intro ? Écoutez jusqu’à ${limit}.`,
  },
});

/** This page's words. */
export const LISTENING = listeningWords[lang];
