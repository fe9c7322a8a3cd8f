// A person's search text as an FTS5 query over the catalog's words (migration 0011): every
// word must appear, each as a prefix, so "abb roa" finds "Abbey Road" while it is typed.
// Each word is quoted, so nothing a person types is FTS5 syntax (AND, NEAR, *, ^, column:).

/** Words as FTS5's unicode61 tokenizer sees them: letters and digits, everything else a gap. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The MATCH expression for `text`, or null when it holds no word (only punctuation, say). */
export function wordQuery(text: string): string | null {
  const words = text.match(WORD);
  return words ? words.map((w) => `"${w}"*`).join(' ') : null;
}
