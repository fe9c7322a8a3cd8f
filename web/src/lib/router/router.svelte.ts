// A small router over the History API: the current route as state, links inside the app
// followed without a reload, back and forward, and focus moved to the new view's heading
// so keyboard and screen-reader users land where the page changed.
import { routeOf, type Route } from './routes';

const here = $state({ path: typeof location === 'undefined' ? '/' : location.pathname });
/** Set by a navigation, taken by the next view heading that mounts (views may mount late). */
let focusPending = false;

export const router = {
  get route(): Route {
    return routeOf(here.path);
  },
};

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(path, location.href);
  if (url.pathname + url.search === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  arrive(url.pathname, !opts.replace);
}

function arrive(path: string, top: boolean): void {
  here.path = path;
  focusPending = true;
  if (top) scrollTo(0, 0);
}

/** Svelte action for each view's h1 (tabindex -1): focused when the view was navigated to. */
export function viewHeading(node: HTMLElement): void {
  if (!focusPending) return;
  focusPending = false;
  node.focus();
}

/** A click the app handles itself: a plain left click on a same-origin link to one of its views. */
function ownLink(e: MouseEvent): URL | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return null;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || routeOf(url.pathname).view === 'missing') return null;
  return url;
}

export function startRouter(): void {
  addEventListener('popstate', () => arrive(location.pathname, false));
  document.addEventListener('click', (e) => {
    const url = ownLink(e);
    if (!url) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
