import { describe, expect, it } from 'vitest';
import { Fingerprinter, fitRecords, frameSeconds, hypothesisOf, presets, type HashBatch } from '../../../dsp/src/index';
import { loadEngineModule } from '../../../dsp/src/node';
import { synthSong } from '../../../dsp/testing/index';
import { IDENTIFY_MAX_BYTES, LISTEN_LIMIT_S } from '../../../common/limits';
import { wireRecordsIn } from '../../../common/wire';
import { HELD_LISTEN_S, listenLimit, OFFLINE_LISTEN_S } from './listen-limit';

/** The shortest query the accuracy suite scores, seconds. */
const SHORTEST_QUERY_S = 3;

async function heard(seconds: number): Promise<HashBatch[]> {
  const rate = 44_100;
  const fp = await Fingerprinter.create(await loadEngineModule(), { sampleRate: rate, preset: 'query' });
  const song = synthSong(7, seconds, rate);
  const batches: HashBatch[] = [];
  for (let o = 0; o < song.length; o += 4096) batches.push(fp.push(song.slice(o, o + 4096)));
  batches.push(fp.flush());
  return batches;
}

/** What one identify body keeps of `batches`: whether every as-heard record, and the seconds the thinnest hypothesis spans. */
function packed(batches: HashBatch[]): { allHeard: boolean; hypothesisS: number } {
  const body = fitRecords(batches, wireRecordsIn(IDENTIFY_MAX_BYTES));
  const asHeard = (b: HashBatch) => b.hyp.filter((y) => y === 0).length;
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  body.hyp.forEach((y, i) => {
    const h = hypothesisOf(y);
    if (h === 0) return;
    first.set(h, Math.min(first.get(h) ?? Infinity, body.t[i]));
    last.set(h, Math.max(last.get(h) ?? -Infinity, body.t[i]));
  });
  const spans = [...first.keys()].map((y) => (last.get(y)! - first.get(y)!) * frameSeconds(presets.query));
  return { allHeard: asHeard(body) === batches.reduce((n, b) => n + asHeard(b), 0), hypothesisS: Math.min(...spans) };
}

describe('listenLimit', () => {
  it('is the API question online, shorter offline, the held limit when held', () => {
    expect(listenLimit(false, false)).toBe(LISTEN_LIMIT_S);
    expect(listenLimit(true, false)).toBe(OFFLINE_LISTEN_S);
    expect(listenLimit(false, true)).toBe(HELD_LISTEN_S);
    expect(listenLimit(true, true)).toBe(HELD_LISTEN_S);
    expect(HELD_LISTEN_S).toBeGreaterThan(LISTEN_LIMIT_S);
  });

  it('holds no longer than one identify body carries: every as-heard record and 3 s of each hypothesis', async () => {
    const held = packed(await heard(HELD_LISTEN_S));
    expect(held.allHeard).toBe(true);
    expect(held.hypothesisS).toBeGreaterThanOrEqual(SHORTEST_QUERY_S);
    // near the edge: 10 s more leaves some hypothesis less than that
    const longer = packed(await heard(HELD_LISTEN_S + 10));
    expect(longer.hypothesisS).toBeLessThan(SHORTEST_QUERY_S);
  });
});
