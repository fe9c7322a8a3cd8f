import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../usage';
import { endLine, headerLine, openCatalog, trackLine, type CatalogItem, type CatalogMeta } from './format';

const dir = mkdtempSync(join(tmpdir(), 'earshot-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const meta: CatalogMeta = { external_id: 'ext-1', title: 'Song "one"', artist: 'A', album: null, isrc: 'USABC1234567', duration_s: 12.5, content_sha1: 'a'.repeat(40) };
const hash = Uint32Array.from([5, 2 ** 26 - 1, 7]);
const t = Int32Array.from([0, 3, 2 ** 24 - 1]);

async function readAll(file: string): Promise<CatalogItem[]> {
  const { items } = await openCatalog(file);
  const out: CatalogItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('the catalog export format', () => {
  it('round-trips metadata, hashes and envelopes exactly, line by line, with a versioned header and an end line', async () => {
    const file = join(dir, 'ok.ndjson');
    const envelope = { version: 1, data: 'AbCd-_01' };
    const text = headerLine(1, 'http://x') + trackLine(meta, hash, t, 1, envelope) + trackLine({ ...meta, external_id: null }, new Uint32Array(0), new Int32Array(0), 1) + endLine(2);
    writeFileSync(file, text);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'earshot-catalog', version: 1, fp_version: 1, source: 'http://x' });
    expect(lines[1]).toMatchObject({ ...meta, records: 3 });
    const { header } = await openCatalog(file);
    expect(header.fp_version).toBe(1);
    const items = await readAll(file);
    expect(items).toEqual([
      { track: meta, hash, t, envelope },
      { track: { ...meta, external_id: null }, hash: new Uint32Array(0), t: new Int32Array(0), envelope: null },
      { end: 2 },
    ]);
  });

  it('tells a file cut short (no end line) by what it yields', async () => {
    const file = join(dir, 'cut.ndjson');
    writeFileSync(file, headerLine(1, 'http://x') + trackLine(meta, hash, t, 1));
    expect((await readAll(file)).some((i) => 'end' in i)).toBe(false);
  });

  it('refuses other files, other versions and damaged lines, naming the line', async () => {
    const cases: [string, RegExp][] = [
      ['{"hello":1}\n', /not an Earshot catalog export/],
      ['', /not an Earshot catalog export/],
      [headerLine(1, 'x').replace('"version":1', '"version":2'), /format version 2/],
      [`${headerLine(1, 'x')}{"title":"no hashes"}\n`, /:2: a track line needs content_sha1 and hashes/],
      [`${headerLine(1, 'x')}{oops\n`, /:2: not a JSON line/],
      [`${headerLine(1, 'x')}${trackLine(meta, hash, t, 1, { version: 1, data: 'x' }).replace('"version":1,', '')}`, /:2: envelope must be/],
      [`${headerLine(1, 'x')}${trackLine(meta, hash, t, 1).replace(/\}\n$/, ',"envelope":"AAAA"}\n')}`, /:2: envelope must be/],
      [headerLine(2, 'x') + trackLine(meta, hash, t, 1), /:2: hashes of fp_version 1 in a file of fp_version 2/],
      [`${headerLine(1, 'x')}${trackLine(meta, hash, t, 1).replace(/"hashes":"[^"]{4}/, '"hashes":"AAAA')}`, /:2: body does not start with the magic/],
    ];
    for (const [text, message] of cases) {
      const file = join(dir, 'bad.ndjson');
      writeFileSync(file, text);
      const attempt = readAll(file);
      await expect(attempt).rejects.toThrow(UsageError);
      await expect(attempt).rejects.toThrow(message);
    }
  });
});
