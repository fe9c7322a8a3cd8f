// Confidence in words, the same in the app, the widget, the dashboard and the CLI. The
// API's confidence is calibrated: the probability that the match is not chance.

const BINS: [min: number, words: string][] = [
  [0.9999, 'Certain'],
  [0.999, 'Very sure'],
  [0.99, 'Fairly sure'],
];

export function confidenceWords(confidence: number): string {
  return BINS.find(([min]) => confidence >= min)?.[1] ?? 'Not sure';
}

/** Below this a candidate is noise beside the answer: worth no line of its own. */
export const MEANINGFUL_CONFIDENCE = BINS[BINS.length - 1][0];

/** The number, never rounded up to a certainty it does not have (0.99996 -> "0.9999"). */
export function confidenceFigure(confidence: number): string {
  return (Math.floor(confidence * 10_000) / 10_000).toFixed(4);
}
