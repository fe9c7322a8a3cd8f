// Confidence in words, the same in the app, the widget, the dashboard and the CLI. The
// API's confidence is calibrated: the probability that the match is not chance.

/** The languages the words exist in (the CLI speaks English). */
export type ConfidenceLang = 'en' | 'fr';

type Words = Record<ConfidenceLang, string>;

const BINS: [min: number, words: Words][] = [
  [0.9999, { en: 'Certain', fr: 'Certain' }],
  [0.999, { en: 'Very sure', fr: 'Très sûr' }],
  [0.99, { en: 'Fairly sure', fr: 'Plutôt sûr' }],
];
const BELOW: Words = { en: 'Not sure', fr: 'Pas sûr' };

export function confidenceWords(confidence: number, lang: ConfidenceLang = 'en'): string {
  return (BINS.find(([min]) => confidence >= min)?.[1] ?? BELOW)[lang];
}

/** Below this a candidate is noise beside the answer: worth no line of its own. */
export const MEANINGFUL_CONFIDENCE = BINS[BINS.length - 1][0];

/** The number, never rounded up to a certainty it does not have (0.99996 -> "0.9999"). */
export function confidenceFigure(confidence: number): string {
  return (Math.floor(confidence * 10_000) / 10_000).toFixed(4);
}
