import { describe, expect, it } from 'vitest';
import { pathOf, routeOf, type Route } from './routes';

describe('routes', () => {
  it('reads every view from its path, and writes the same path back', () => {
    const routes: Route[] = [{ view: 'identify' }, { view: 'history' }, { view: 'detail', id: 3 }, { view: 'more' }];
    for (const r of routes) expect(routeOf(pathOf(r))).toEqual(r);
    expect(routeOf('/history/')).toEqual({ view: 'history' });
    expect(routeOf('/history/42/')).toEqual({ view: 'detail', id: 42 });
  });
  it('takes only positive integer ids', () => {
    for (const p of ['/history/0', '/history/-1', '/history/01', '/history/1.5', '/history/x', '/history/1/2', '/history/1234567890123456']) {
      expect(routeOf(p)).toEqual({ view: 'missing' });
    }
  });
  it('leaves other pages to the server', () => {
    expect(routeOf('/stations')).toEqual({ view: 'missing' });
    expect(routeOf('/r/abc')).toEqual({ view: 'missing' });
    expect(pathOf({ view: 'missing' })).toBe('/');
  });
});
