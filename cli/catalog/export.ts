// `earshot export <file>`: every ready track of the catalog (metadata from GET /tracks,
// page by page) with its hashes (from the local D1 shards, see local-d1.ts) into the
// NDJSON format of format.ts, written as it goes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { TrackList } from '../../common/api-types';
import { FP_VERSION } from '../../dsp/src/index';
import { ApiUnavailable, errorText } from '../api/client';
import { apiFlags, client } from '../options';
import { EXIT, UsageError } from '../usage';
import { endLine, headerLine, trackLine } from './format';
import { localHashes } from './local-d1';

const PAGE = 100;

export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...apiFlags, 'persist-to': { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('export needs one output file');
  const api = client(values, false);
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
      const hashes = await localHashes(tracks.map((t) => t.id), values['persist-to']);
      for (const t of tracks) {
        const h = hashes.get(t.id)!;
        if (h.hash.length !== t.hash_count) throw new Error(`track ${t.id}: the local index holds ${h.hash.length} hashes, the catalog says ${t.hash_count}: is --persist-to the state of ${api.base}?`);
        await write(trackLine(t, h.hash, h.t, FP_VERSION));
        count++;
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
