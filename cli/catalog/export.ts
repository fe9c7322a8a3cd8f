// `earshot export <file>`: every ready track of the catalog (metadata from GET /tracks,
// page by page) with its hashes (GET /tracks/:id/hashes, admin) into the NDJSON format of
// format.ts, written as it goes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { EnvelopeField, TrackList, TrackRecord } from '../../common/api-types';
import { FP_VERSION } from '../../dsp/src/index';
import { ApiUnavailable, errorText, type ApiClient } from '../api/client';
import { apiFlags, client } from '../options';
import { EXIT, UsageError } from '../usage';
import { endLine, headerLine, trackLine } from './format';

const PAGE = 100;
/** Hash requests in flight: the API reads each track's rows by key, a few at once keep it busy. */
const PARALLEL = 4;

type TrackHashes = { hashes: { hash: number[]; t: number[] }; envelope: EnvelopeField | null };

async function hashesOf(api: ApiClient, t: TrackRecord): Promise<{ hash: Uint32Array; t: Int32Array; envelope: EnvelopeField | null }> {
  const res = await api.request<TrackHashes>('GET', `/tracks/${t.id}/hashes`);
  if (res.status !== 200) throw new Error(`hashes of track ${t.id}: ${errorText(res)}`);
  const { hash, t: times } = res.body.hashes;
  if (hash.length !== t.hash_count) throw new Error(`track ${t.id}: the index holds ${hash.length} hashes, the catalog says ${t.hash_count}`);
  return { hash: Uint32Array.from(hash), t: Int32Array.from(times), envelope: res.body.envelope ?? null };
}

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: apiFlags });
  if (positionals.length !== 1) throw new UsageError('export needs one output file');
  const api = client(values, true);
  const out = createWriteStream(positionals[0]);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  let count = 0;
  try {
    await write(headerLine(FP_VERSION, api.base));
    for (let offset = 0; ; offset += PAGE) {
      const page = await api.request<TrackList>('GET', `/tracks?limit=${PAGE}&offset=${offset}`);
      if (page.status !== 200) throw new Error(`listing tracks: ${errorText(page)}`);
      const tracks = page.body.tracks.filter((t) => t.fp_version === FP_VERSION);
      if (tracks.length < page.body.tracks.length) console.error(`export: ${page.body.tracks.length - tracks.length} tracks of another fp_version left out`);
      for (let i = 0; i < tracks.length; i += PARALLEL) {
        const group = tracks.slice(i, i + PARALLEL);
        const hashes = await Promise.all(group.map((t) => hashesOf(api, t)));
        for (const [k, t] of group.entries()) {
          await write(trackLine(t, hashes[k].hash, hashes[k].t, FP_VERSION, hashes[k].envelope));
          count++;
        }
      }
      if (page.body.tracks.length < PAGE) break;
    }
    await write(endLine(count));
  } catch (e) {
    if (!(e instanceof ApiUnavailable)) throw e;
    console.error(`earshot export: the API at ${api.base} does not answer: ${e.message}`);
    return EXIT.failed;
  } finally {
    out.end();
    await once(out, 'close');
  }
  console.error(`exported ${count} tracks to ${positionals[0]}`);
  return EXIT.ok;
}
