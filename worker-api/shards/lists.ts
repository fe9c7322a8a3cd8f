// Which hashes each track has, so that deleting or exporting a track reads its rows by key
// instead of scanning every shard (`hashes` is keyed by hash). One R2 object per track and
// upload chunk, written before the chunk's rows: the chunk's sorted distinct hashes as LEB128
// varints of their gaps, deflated. They live in R2, not in the shards: identify never reads
// them, and the shards' bytes are the index's (2 MB an hour of audio, docs/scale.md). Tracks
// ingested before the move have their lists in each shard's `track_hashes`
// (migrations/index/0002), and the oldest have none: those are found by a scan.
import { deflated, inflated, BLOB_CODING } from '../deflate';

const prefix = (track: number) => `tracks/${track}/`;

/** Sorted distinct hashes as LEB128 varints of their gaps. */
export function packHashes(hashes: ArrayLike<number>): Uint8Array {
  const sorted = Uint32Array.from(hashes).sort();
  const out = new Uint8Array(sorted.length * 4);
  let n = 0;
  let prev = -1;
  for (const h of sorted) {
    if (h === prev) continue;
    let gap = h - prev - 1;
    prev = h;
    while (gap >= 0x80) {
      out[n++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    out[n++] = gap;
  }
  return out.slice(0, n);
}

/** The distinct hashes of a track's parts (each packed by packHashes), sorted. */
export function unpackParts(parts: Uint8Array[]): number[] {
  const out: number[] = [];
  for (const bytes of parts) unpackHashes(bytes, out);
  return parts.length > 1 ? [...new Set(out)].sort((a, b) => a - b) : out;
}

export function unpackHashes(bytes: Uint8Array, into: number[]): void {
  let prev = -1;
  for (let i = 0; i < bytes.length; ) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[i++];
      gap += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    prev += gap + 1;
    into.push(prev);
  }
}

/** Stores part `part` (an upload chunk) of a track's list; an empty one too, so the track has a list. */
export async function putList(bucket: R2Bucket, track: number, part: number, hashes: ArrayLike<number>): Promise<void> {
  await bucket.put(`${prefix(track)}${part}`, await deflated(packHashes(hashes)));
}

/** The track's distinct hashes, sorted; null when it has no list here (or one that does not read). */
export async function readList(bucket: R2Bucket, track: number): Promise<number[] | null> {
  const keys = await listedKeys(bucket, track);
  if (keys.length === 0) return null;
  const parts = await Promise.all(
    keys.map(async (key) => {
      const object = await bucket.get(key);
      return object && inflated(BLOB_CODING.deflateRaw, await object.arrayBuffer()).catch(() => null);
    }),
  );
  const read = parts.filter((p): p is Uint8Array => p !== null);
  // a part gone or unreadable: only a scan finds every row
  return read.length === parts.length ? unpackParts(read) : null;
}

export async function deleteList(bucket: R2Bucket, track: number): Promise<void> {
  const keys = await listedKeys(bucket, track);
  if (keys.length > 0) await bucket.delete(keys);
}

async function listedKeys(bucket: R2Bucket, track: number): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: prefix(track), cursor });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys;
}
