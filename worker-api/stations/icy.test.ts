import { describe, expect, it } from 'vitest';
import { IcyDemuxer, streamTitle } from './icy';

/** Interleaves `audio` with a metadata block after every `metaint` bytes, as a server does. */
function interleave(audio: Uint8Array, metaint: number, titles: (string | null)[]): Uint8Array {
  const out: number[] = [];
  let block = 0;
  for (let i = 0; i < audio.length; i += metaint) {
    out.push(...audio.subarray(i, i + metaint));
    if (i + metaint > audio.length) break;
    const title = titles[block++ % titles.length];
    if (title === null) {
      out.push(0);
      continue;
    }
    const text = new TextEncoder().encode(`StreamTitle='${title}';`);
    const len = Math.ceil(text.length / 16);
    out.push(len, ...text, ...new Array(len * 16 - text.length).fill(0));
  }
  return Uint8Array.from(out);
}

describe('IcyDemuxer', () => {
  const audio = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) & 0xff);

  it('returns exactly the audio bytes and every title, whatever the chunk sizes', () => {
    const stream = interleave(audio, 1000, ['Lumen - Night Ferry', null, "It's - é"]);
    for (const size of [1, 7, 999, 1000, 1001, 4096, stream.length]) {
      const titles: string[] = [];
      const demux = new IcyDemuxer(1000, (t) => titles.push(t));
      const parts: number[] = [];
      for (let i = 0; i < stream.length; i += size) parts.push(...demux.push(stream.subarray(i, i + size)));
      expect(Uint8Array.from(parts)).toEqual(audio);
      expect(titles.slice(0, 3)).toEqual(['Lumen - Night Ferry', "It's - é", 'Lumen - Night Ferry']);
    }
  });

  it('reads StreamTitle from padded text and ignores blocks without one', () => {
    expect(streamTitle("StreamTitle='A - B';StreamUrl='x';\0\0\0")).toBe('A - B');
    expect(streamTitle("StreamUrl='x';")).toBeNull();
  });
});
