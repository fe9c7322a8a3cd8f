import { expect, it } from 'vitest';
import type { Play } from '../../../common/api-types';
import { addPage, mergeNewest, upsertPlay } from './playlog';

const play = (id: string, minute: number, extra: Partial<Play> = {}): Play => ({
  id,
  station_id: 's1',
  station_name: 'Radio One',
  track_id: 1,
  title: `Song ${id}`,
  artist: null,
  isrc: null,
  start: new Date(Date.UTC(2026, 10, 23, 12, minute)).toISOString(),
  end: new Date(Date.UTC(2026, 10, 23, 12, minute + 3)).toISOString(),
  duration_s: 180,
  confidence: 0.9999,
  speed: 1,
  detections: 3,
  open: false,
  notes: [],
  ...extra,
});
const ids = (plays: Play[]) => plays.map((p) => p.id);

it('puts a new play on top and updates an open one in place', () => {
  const shown = [play('b', 10), play('a', 0)];
  expect(ids(upsertPlay(shown, play('c', 20, { open: true })))).toEqual(['c', 'b', 'a']);
  const closed = upsertPlay(upsertPlay(shown, play('c', 20, { open: true })), play('c', 20, { duration_s: 200 }));
  expect(ids(closed)).toEqual(['c', 'b', 'a']);
  expect(closed[0]).toMatchObject({ open: false, duration_s: 200 });
});

it('appends older pages, keeping a play the live feed already brought once', () => {
  let log = addPage({ plays: [play('d', 30)], older: null }, { plays: [play('d', 30), play('c', 20)], next_cursor: 'k1' });
  expect(log).toMatchObject({ older: 'k1' });
  log = addPage(log, { plays: [play('c', 20), play('b', 10)], next_cursor: null });
  expect(ids(log.plays)).toEqual(['d', 'c', 'b']);
  expect(log.older).toBeNull();
});

it('fills the gap after a lost feed, or starts over when more than a page was missed', () => {
  const log = { plays: [play('b', 10), play('a', 0)], older: 'k-old' };
  const filled = mergeNewest(log, { plays: [play('c', 20), play('b', 10)], next_cursor: 'k-new' });
  expect(ids(filled.plays)).toEqual(['c', 'b', 'a']);
  expect(filled.older).toBe('k-old');
  const restarted = mergeNewest(log, { plays: [play('e', 40), play('d', 30)], next_cursor: 'k-new' });
  expect(ids(restarted.plays)).toEqual(['e', 'd']);
  expect(restarted.older).toBe('k-new');
});
