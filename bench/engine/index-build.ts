// The in-process index the accuracy and latency benches match against: the corpus' tracks
// fingerprinted with the index preset, cached on disk between runs that change only the query side.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ENVELOPE, ENVELOPE_VERSION, presets, storeEnvelope } from '../../dsp/src/index';
import type { FingerprintPool } from '../../cli/workers/pool';

export interface Track {
  id: string;
  path: string;
  duration_s: number;
  indexed?: boolean;
}

export interface IndexedTrack {
  id: string;
  hash: Uint32Array;
  t: Int32Array;
  frames: number;
  durationS: number;
  /** Its stored band envelope (dsp/src/envelope). */
  envelope: Uint8Array;
}

/**
 * Index rows can be cached between runs that change only query-side parameters. The stored
 * envelopes' layout is part of the key: a cache of another band count would read as noise.
 */
async function indexKey(tracks: Track[], overrides?: Record<string, unknown>): Promise<string> {
  const wasm = await readFile(new URL('../../dsp/build/dsp.wasm', import.meta.url));
  const layout = { ...presets.index, ...overrides, envelope: { ...ENVELOPE, version: ENVELOPE_VERSION } };
  return createHash('sha1').update(wasm).update(JSON.stringify(layout)).update(JSON.stringify(tracks.map((t) => t.path))).digest('hex');
}

export async function buildIndex(
  pool: FingerprintPool,
  data: string,
  tracks: Track[],
  cache?: string,
  overrides?: Record<string, unknown>,
): Promise<{ list: IndexedTrack[]; wallS: number }> {
  const key = await indexKey(tracks, overrides);
  if (cache && existsSync(cache)) {
    const raw = await readFile(cache);
    const meta = JSON.parse(raw.subarray(4, 4 + raw.readUInt32LE(0)).toString());
    if (meta.key === key) {
      let off = 4 + raw.readUInt32LE(0);
      const list: IndexedTrack[] = meta.tracks.map((m: { id: string; n: number; e: number; frames: number; durationS: number }) => {
        const hash = new Uint32Array(raw.buffer.slice(raw.byteOffset + off, raw.byteOffset + off + 4 * m.n));
        off += 4 * m.n;
        const t = new Int32Array(raw.buffer.slice(raw.byteOffset + off, raw.byteOffset + off + 4 * m.n));
        off += 4 * m.n;
        const envelope = new Uint8Array(raw.buffer.slice(raw.byteOffset + off, raw.byteOffset + off + m.e));
        off += m.e;
        return { id: m.id, hash, t, frames: m.frames, durationS: m.durationS, envelope };
      });
      console.error(`index: ${list.length} tracks from cache ${cache}`);
      return { list, wallS: meta.wallS };
    }
  }
  const t0 = performance.now();
  let done = 0;
  const list = await Promise.all(
    tracks.map(async (tr) => {
      const r = await pool.run(resolve(data, tr.path), 'index', { overrides });
      done++;
      if (!r.ok) throw new Error(`${tr.path}: ${r.error}`);
      if (done % 10 === 0) console.error(`index: ${done}/${tracks.length}`);
      return { id: tr.id, hash: r.hash, t: r.t, frames: r.frames, durationS: r.quality.durationS, envelope: storeEnvelope(r.envelope) };
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  if (cache) {
    const meta = Buffer.from(JSON.stringify({ key, wallS, tracks: list.map((l) => ({ id: l.id, n: l.hash.length, e: l.envelope.length, frames: l.frames, durationS: l.durationS })) }));
    const head = Buffer.alloc(4);
    head.writeUInt32LE(meta.length);
    await writeFile(cache, Buffer.concat([head, meta, ...list.flatMap((l) => [Buffer.from(l.hash.buffer), Buffer.from(l.t.buffer), Buffer.from(l.envelope)])]));
  }
  return { list, wallS };
}
