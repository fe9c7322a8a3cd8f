// HTML built from templates that escape every value they are given: a title with <, & or
// quotes cannot become markup, because nothing reaches the page unescaped by accident.

/** Markup already built by `html`: the only thing a template inserts as it is. */
export class Html {
  constructor(readonly text: string) {}
}

type Value = Html | string | number | null | undefined | false | Html[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

function render(v: Value): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  // absent parts of a page (an unknown album) leave nothing
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  return new Html(strings.reduce((out, s, i) => out + render(values[i - 1]) + s));
}

/** Text the page's own code wrote (the style sheet): never a stored value. */
export const trusted = (text: string) => new Html(text);
