// The page of a named song: what the result card shows, for someone without the app, and
// the tags chat apps read to draw a preview of the link.
import type { IdentifyMatch, IdentifyResponse, TrackMeta } from '../../common/api-types';
import { artworkPath, type ArtworkSize } from '../../common/artwork';
import { confidenceWords } from '../../common/confidence-words';
import { type ListenService, listenLinks } from '../../common/links';
import { html } from './html';
import type { Page } from './layout';

/** The preview's picture: chat apps draw cards up to about 600 px wide. */
const PREVIEW_SIZE: ArtworkSize = 600;

const SERVICE_NAMES: Record<ListenService, string> = { spotify: 'Spotify', apple: 'Apple Music', youtube: 'YouTube', web: 'Web search' };

/** 83.4 -> "1:23" */
function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The release year, when the stored track carries one (TrackMeta does not name it yet). */
function yearOf(track: TrackMeta): number | null {
  const year = (track as { year?: unknown }).year;
  return typeof year === 'number' && Number.isInteger(year) ? year : null;
}

export interface SongContext {
  answer: IdentifyResponse;
  match: IdentifyMatch;
  /** The page's own absolute URL. */
  url: URL;
}

export function songPage({ answer, match, url }: SongContext): Page {
  const t = match.track;
  const year = yearOf(t);
  // ACRCloud's names are not in the catalog: no catalog id, so no artwork of ours, and its
  // score is not our calibrated confidence
  const external = answer.source === 'acrcloud';
  const art = external ? null : new URL(artworkPath(t.id, PREVIEW_SIZE), url).href;
  const artAlt = `Cover art of ${t.album ?? t.title}${t.artist ? ` by ${t.artist}` : ''}`;
  const words = confidenceWords(match.confidence);
  const headline = t.artist ? `${t.title} — ${t.artist}` : t.title;
  const description =
    `${t.title}${t.artist ? ` by ${t.artist}` : ''}${t.album ? `, from ${t.album}` : ''}${year !== null ? ` (${year})` : ''}. ` +
    `Heard ${clock(match.offset_s)} into the track and named by ${external ? 'ACRCloud' : `Earshot (${words.toLowerCase()})`}.`;
  return {
    title: `${headline} · Earshot`,
    description,
    preview: html`<meta property="og:type" content="music.song">
<meta property="og:site_name" content="Earshot">
<meta property="og:title" content="${headline}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url.href}">
${
  art &&
  html`<meta property="og:image" content="${art}">
<meta property="og:image:width" content="${PREVIEW_SIZE}">
<meta property="og:image:height" content="${PREVIEW_SIZE}">
<meta property="og:image:alt" content="${artAlt}">
`
}<meta name="twitter:card" content="summary">`,
    body: html`<article>
${art && html`<img class="art" src="${art}" alt="${artAlt}" width="${PREVIEW_SIZE}" height="${PREVIEW_SIZE}">`}
<h1>${t.title}</h1>
${t.artist && html`<p class="artist">${t.artist}</p>`}
<dl>
${t.album && html`<dt>Album</dt><dd>${t.album}</dd>`}
${year !== null && html`<dt>Year</dt><dd>${year}</dd>`}
<dt>Heard at</dt><dd>${clock(match.offset_s)} into the track</dd>
${external ? html`<dt>Named by</dt><dd>ACRCloud</dd>` : html`<dt>Confidence</dt><dd>${words}</dd>`}
</dl>
<h2>Listen</h2>
<ul class="listen">
${listenLinks(t).map((l) => html`<li><a href="${l.url}">${SERVICE_NAMES[l.service]}</a></li>`)}
</ul>
</article>`,
  };
}
