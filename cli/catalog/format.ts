// The catalog exchange file of `earshot export` / `earshot import`: NDJSON, UTF-8, one
// JSON object per line, written and read as a stream (memory holds one track):
//
//   {"format":"earshot-catalog","version":1,"fp_version":1,"exported_at":"…","source":"…"}
//   {"external_id":…,"title":…,"artist":…,"album":…,"isrc":…,"duration_s":…,
//    "content_sha1":"…","records":N,"hashes":"<base64 of the ESH1 body, common/wire.ts>",
//    "envelope":{"version":…,"data":"<base64url>"}}   (the band envelope, where the track has one)
//   … one line per track …
//   {"end":true,"tracks":N}
//
// `version` changes when this layout does; `fp_version` names the hash format (an
// importer refuses hashes its engine does not index). The end line tells a complete
// file from one cut short.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EnvelopeField, TrackRecord } from '../../common/api-types';
import { decodeHashes, encodeHashes } from '../../common/wire';
import type { HashBatch } from '../../dsp/src/index';
import { UsageError } from '../usage';

export const CATALOG_FORMAT = 'earshot-catalog';
export const CATALOG_VERSION = 1;

export interface CatalogHeader {
  format: typeof CATALOG_FORMAT;
  version: number;
  fp_version: number;
  exported_at: string;
  source: string;
}

export type CatalogMeta = Pick<TrackRecord, 'external_id' | 'title' | 'artist' | 'album' | 'isrc' | 'duration_s' | 'content_sha1'>;

export type CatalogItem = { track: CatalogMeta; hash: Uint32Array; t: Int32Array; envelope: EnvelopeField | null } | { end: number };

export function headerLine(fpVersion: number, source: string): string {
  const h: CatalogHeader = { format: CATALOG_FORMAT, version: CATALOG_VERSION, fp_version: fpVersion, exported_at: new Date().toISOString(), source };
  return `${JSON.stringify(h)}\n`;
}

export function trackLine(m: CatalogMeta, hash: Uint32Array, t: Int32Array, fpVersion: number, envelope: EnvelopeField | null = null): string {
  const body = encodeHashes({ hash, t, hyp: new Uint8Array(hash.length) } satisfies HashBatch, fpVersion);
  const { external_id, title, artist, album, isrc, duration_s, content_sha1 } = m;
  const line = { external_id, title, artist, album, isrc, duration_s, content_sha1, records: hash.length, hashes: Buffer.from(body).toString('base64'), ...(envelope ? { envelope } : {}) };
  return `${JSON.stringify(line)}\n`;
}

export const endLine = (tracks: number) => `${JSON.stringify({ end: true, tracks })}\n`;

/** The header, then every track and the end marker; bad lines are usage errors naming the line. */
export async function openCatalog(file: string): Promise<{ header: CatalogHeader; items: AsyncGenerator<CatalogItem> }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]();
  let n = 1;
  const parse = (line: string): Record<string, unknown> => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new UsageError(`${file}:${n}: not a JSON line`);
    }
  };
  const first = await lines.next().catch((e: Error) => {
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  });
  const header = first.done ? null : parse(first.value);
  if (header?.format !== CATALOG_FORMAT) throw new UsageError(`${file}: not an Earshot catalog export (no '${CATALOG_FORMAT}' header)`);
  if (header.version !== CATALOG_VERSION) throw new UsageError(`${file}: catalog format version ${header.version}; this earshot reads version ${CATALOG_VERSION}`);

  async function* items(): AsyncGenerator<CatalogItem> {
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      n++;
      if (next.value.trim() === '') continue;
      const o = parse(next.value);
      if (o.end === true) {
        yield { end: Number(o.tracks) };
        return;
      }
      if (typeof o.hashes !== 'string' || typeof o.content_sha1 !== 'string') throw new UsageError(`${file}:${n}: a track line needs content_sha1 and hashes`);
      let batch: HashBatch;
      try {
        const decoded = decodeHashes(new Uint8Array(Buffer.from(o.hashes, 'base64')));
        if (decoded.fpVersion !== header!.fp_version) throw new Error(`hashes of fp_version ${decoded.fpVersion} in a file of fp_version ${header!.fp_version}`);
        batch = decoded.batch;
      } catch (e) {
        throw new UsageError(`${file}:${n}: ${(e as Error).message}`);
      }
      const { hashes: _h, records: _r, envelope, ...meta } = o;
      // the API checks an envelope's contents when it is imported; here only its shape
      const e = envelope as Partial<EnvelopeField> | undefined;
      if (e !== undefined && (typeof e !== 'object' || e === null || typeof e.version !== 'number' || typeof e.data !== 'string')) {
        throw new UsageError(`${file}:${n}: envelope must be {"version": number, "data": string}`);
      }
      yield { track: meta as unknown as CatalogMeta, hash: batch.hash, t: batch.t, envelope: (e as EnvelopeField | undefined) ?? null };
    }
  }
  return { header: header as unknown as CatalogHeader, items: items() };
}
