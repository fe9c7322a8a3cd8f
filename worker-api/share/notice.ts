// The pages a share link gets when there is no song to show: each says what happened in a
// listener's words and still leads to the app (the layout's link).
import { html } from './html';
import type { Page } from './layout';

function notice(title: string, lines: string[]): Page {
  return {
    title: `${title} · Earshot`,
    description: lines[0],
    body: html`<h1>${title}</h1>
${lines.map((line) => html`<p class="muted">${line}</p>`)}`,
  };
}

/** "86400" -> "24 hours": how long a shared result lives, as a listener reads it. */
function lifetime(ttlS: number): string {
  return ttlS >= 7200 ? `${Math.round(ttlS / 3600)} hours` : `${Math.round(ttlS / 60)} minutes`;
}

export const expiredPage = (ttlS: number) =>
  notice('This result has expired', [
    `Earshot keeps a shared result for ${lifetime(ttlS)}; this one is gone, or the link was never one.`,
    'Ask whoever sent it what the song was, or let Earshot listen to it yourself.',
  ]);

export const malformedPage = () =>
  notice('This link is incomplete', [
    'A shared result’s address ends in a code of 22 letters, digits, dashes and underscores; this one does not.',
    'Check that the whole link was copied.',
  ]);

export const unnamedPage = () =>
  notice('Earshot did not name a song here', [
    'The recording behind this link did not match a song Earshot knows, or it was too short to tell.',
    'Try again with Earshot closer to the music.',
  ]);

export const busyPage = (retryAfterS: number) =>
  notice('Too many pages at once', [`This connection asked Earshot for too many pages in a short time. Try again in ${retryAfterS} seconds.`]);
