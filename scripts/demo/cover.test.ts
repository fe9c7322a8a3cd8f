import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readHeader } from '../../worker-api/artwork/sniff';
import { COVER_EDGE, coverPng } from './cover';
import { DEMO_TRACKS } from './songs';

describe('demo covers', () => {
  it('are PNGs of COVER_EDGE px that a real decoder reads, the same bytes per seed, one per song', () => {
    const covers = DEMO_TRACKS.map((t) => coverPng(t.seed));
    expect(new Set(covers.map((c) => Buffer.from(c).toString('base64'))).size).toBe(DEMO_TRACKS.length);
    expect(coverPng(DEMO_TRACKS[0].seed)).toEqual(covers[0]);
    for (const png of covers) {
      expect(readHeader(png)).toEqual({ type: 'image/png', width: COVER_EDGE, height: COVER_EDGE });
      // ffmpeg's own PNG decoder, CRCs and zlib stream checked: one raw RGB frame out
      const rgb = execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-xerror', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { input: png, maxBuffer: 1 << 24 });
      expect(rgb.length).toBe(COVER_EDGE * COVER_EDGE * 3);
    }
  });
});
