// The More view's words: identify from a file, the demo songs, settings, other pages.
import { defineWords, lang } from './index';

export const moreWords = defineWords({
  en: {
    heading: 'More',
    file: {
      heading: 'Identify a file',
      detail: 'Drop an audio file here, or choose one. It is analysed on this device; only fingerprints are sent.',
      choose: 'Choose audio file',
    },
    demo: {
      heading: 'Try it with a demo song',
      detail: 'Play one of these on another device (or speaker) and tap Identify here. They are synthesised by the project and in the demo catalog.',
      play: (title: string) => `Play ${title}`,
    },
    settings: {
      heading: 'Settings',
      autoListen: 'Identify when the app opens',
      autoListenDetail: 'Starts listening as soon as Earshot opens, once you have allowed the microphone.',
      fallback: 'When Earshot cannot name a song, send the last 12 seconds of the recording to ACRCloud, a music recognition service, to ask it.',
    },
    elsewhere: { heading: 'Elsewhere', stations: 'Radio monitor', stationsDetail: 'What the monitored stations are playing.' },
  },
  fr: {
    heading: 'Plus',
    file: {
      heading: 'Identifier un fichier',
      detail: 'Déposez un fichier audio ici, ou choisissez-en un. Il est analysé sur cet appareil ; seules les empreintes sont envoyées.',
      choose: 'Choisir un fichier audio',
    },
    demo: {
      heading: 'Essayer avec un morceau de démo',
      detail: 'Jouez-en un sur un autre appareil (ou une enceinte) et touchez Identifier ici. Ils sont synthétisés par le projet et figurent au catalogue de démo.',
      play: (title: string) => `Écouter ${title}`,
    },
    settings: {
      heading: 'Réglages',
      autoListen: 'Identifier à l’ouverture de l’app',
      autoListenDetail: 'Earshot écoute dès son ouverture, une fois le micro autorisé.',
      fallback: 'Quand Earshot ne reconnaît pas un morceau, envoyer les 12 dernières secondes de l’enregistrement à ACRCloud, un service de reconnaissance musicale, pour lui demander.',
    },
    elsewhere: { heading: 'Ailleurs', stations: 'Suivi des radios', stationsDetail: 'Ce que jouent les stations suivies.' },
  },
});

export const tMore = moreWords[lang];
