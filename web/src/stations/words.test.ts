import { expect, it } from 'vitest';
import { ago, millis, percent } from './words';

it('says how long ago, coarsely', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  expect(ago('2026-11-23T11:59:48Z', now)).toBe('12 s ago');
  expect(ago('2026-11-23T11:55:30Z', now)).toBe('4 min ago');
  expect(ago('2026-11-23T09:00:00Z', now)).toBe('3 h ago');
  expect(ago('2026-11-22T11:00:00Z', now)).toBe('1 day ago');
  expect(ago('2026-11-23T12:00:02Z', now)).toBe('0 s ago');
});

it('says latencies and rates', () => {
  expect(millis(850)).toBe('850 ms');
  expect(millis(1234)).toBe('1.2 s');
  expect(percent(0.987)).toBe('99 %');
  expect(percent(0.998)).toBe('99 %');
  expect(percent(1)).toBe('100 %');
});
