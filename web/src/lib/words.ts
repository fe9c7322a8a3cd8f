// Numbers from the API, said the way a listener reads them.

/** The API's confidence is calibrated: the probability the match is not chance. */
export function confidenceWords(confidence: number): string {
  if (confidence >= 0.9999) return 'Certain';
  if (confidence >= 0.999) return 'Very sure';
  if (confidence >= 0.99) return 'Fairly sure';
  return 'Not sure';
}

/** 83.4 -> "1:23" */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
