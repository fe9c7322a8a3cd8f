// `earshot import <file>`: a catalog export into the API, track by track through POST
// /tracks with `force` (the export may hold near-duplicates indexed on purpose; the API's
// idempotency by content SHA-1 still makes a rerun write nothing twice). One request at a
// time by default: the API indexes one upload at a time anyway (its ingest lease), and in
// order the tracks keep their export order (and relative ids). --parallel N overlaps
// uploads for a distant API; memory holds only the tracks in flight.
import { parseArgs } from 'node:util';
import type { IngestRequest, IngestResponse } from '../../common/api-types';
import { ENVELOPE_VERSION, FP_VERSION } from '../../dsp/src/index';
import { ApiAuthError, ApiUnavailable, errorText, type ApiClient } from '../api/client';
import { apiFlags, client, positiveInt } from '../options';
import { EXIT, UsageError } from '../usage';
import { openCatalog, type CatalogItem } from './format';

type TrackItem = Extract<CatalogItem, { track: unknown }>;

/**
 * An envelope of another version cannot be stored (the API refuses it): the track comes in
 * with its hashes alone, and the summary counts it, since only the audio gives its envelope back.
 */
const currentEnvelope = (item: TrackItem) => (item.envelope?.version === ENVELOPE_VERSION ? item.envelope : null);

async function post(api: ApiClient, item: TrackItem, envelope: TrackItem['envelope']): Promise<string> {
  const body: IngestRequest = {
    ...item.track,
    fp_version: FP_VERSION,
    hashes: { hash: Array.from(item.hash), t: Array.from(item.t) },
    ...(envelope ? { envelope } : {}),
    force: true,
  };
  const r = await api.request<IngestResponse>('POST', '/tracks', { json: body });
  if (r.status !== 200 && r.status !== 201) return `failed: ${errorText(r)}`;
  return r.body.status;
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...apiFlags, parallel: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('import needs one catalog file');
  const file = positionals[0];
  const { header, items } = await openCatalog(file);
  if (header.fp_version !== FP_VERSION) {
    throw new UsageError(`${file} holds fp_version ${header.fp_version} hashes; this engine indexes fp_version ${FP_VERSION}: re-index from the audio instead`);
  }
  const api = client(values, true);
  const parallel = positiveInt(values.parallel, 'parallel', 1);
  const counts = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let end: number | null = null;
  let seen = 0;
  let staleEnvelopes = 0;
  try {
    for await (const item of items) {
      if ('end' in item) {
        end = item.end;
        break;
      }
      seen++;
      const envelope = currentEnvelope(item);
      if (item.envelope && !envelope) staleEnvelopes++;
      const label = item.track.external_id ?? item.track.content_sha1;
      const p = post(api, item, envelope).then((status) => {
        const key = status.startsWith('failed') ? 'failed' : status;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (key === 'failed') console.error(`${label}: ${status}`);
      });
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= parallel) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } catch (e) {
    await Promise.allSettled(inFlight);
    if (e instanceof ApiAuthError) throw new UsageError(e.message);
    if (!(e instanceof ApiUnavailable)) throw e;
    console.error(`earshot import: stopped, the API at ${api.base} does not answer (${e.message}); run it again to resume`);
    return EXIT.failed;
  }
  const summary = ['created', 'exists', 'duplicate', 'failed'].map((k) => `${k} ${counts.get(k) ?? 0}`).join(', ');
  console.log(`imported ${seen} tracks from ${file}: ${summary}`);
  if (staleEnvelopes > 0) {
    console.log(`${staleEnvelopes} tracks came with a band envelope of another version (this engine's is ${ENVELOPE_VERSION}) and were imported without it: index them again from their audio (earshot index) to have rooms and small speakers recognised as well`);
  }
  if (end === null) {
    console.error(`earshot import: ${file} has no end line: the export was cut short, tracks after the last one read are missing`);
    return EXIT.failed;
  }
  return (counts.get('failed') ?? 0) > 0 ? EXIT.failed : EXIT.ok;
}
