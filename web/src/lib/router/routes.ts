// The app's views and their URLs: one table, read both ways (a path to a view, a view to
// its path), so a link, a reload and the back button always agree.

export type Route =
  | { view: 'identify' }
  | { view: 'history' }
  | { view: 'detail'; id: number }
  | { view: 'more' }
  | { view: 'missing' };

export type View = Route['view'];

/** A stored entry's id as the URL spells it: a positive integer, no sign, no leading zero. */
const ID = /^\/history\/([1-9]\d{0,14})\/?$/;

export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { view: 'identify' };
  if (pathname === '/history' || pathname === '/history/') return { view: 'history' };
  if (pathname === '/more' || pathname === '/more/') return { view: 'more' };
  const m = ID.exec(pathname);
  if (m) return { view: 'detail', id: Number(m[1]) };
  return { view: 'missing' };
}

export function pathOf(route: Route): string {
  switch (route.view) {
    case 'identify':
    case 'missing':
      return '/';
    case 'detail':
      return `/history/${route.id}`;
    default:
      return `/${route.view}`;
  }
}
