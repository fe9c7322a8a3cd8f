// Title, artist, album, ISRC, year and the front cover from a file's own tags, whatever their kind: ID3v1 and v2,
// APE, MP4 atoms, Vorbis comments (FLAC, Ogg), RIFF INFO, AIFF chunks (music-metadata).
import { type IPicture, parseBuffer } from 'music-metadata';
import { YEAR_MAX, YEAR_MIN } from '../../common/limits';
import type { Tags } from './types';

export type { Picture, Tags } from './types';

type Text = Exclude<keyof Tags, 'cover' | 'year'>;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * RIFF INFO and ID3v1 text is Latin-1 by their specs but mostly written as UTF-8 (ffmpeg
 * does): "BjÃ¶rk" is read back as "Björk". Real Latin-1 text is almost never valid UTF-8.
 */
function undoUtf8AsLatin1(s: string): string {
  if (!/[\x80-\xff]/.test(s) || /[^\x00-\xff]/.test(s)) return s;
  try {
    return strictUtf8.decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));
  } catch {
    return s;
  }
}

/**
 * The year tag (ID3 TYER, Vorbis DATE's first digits...), else a date's leading year
 * ("2004-05-01"); a value the catalog would refuse ("0", "20041") is no year.
 */
function yearOf(year: number | undefined, date: string | undefined): number | undefined {
  const y = year ?? Number(/^\s*(\d{4})(?!\d)/.exec(date ?? '')?.[1]);
  return Number.isInteger(y) && y >= YEAR_MIN && y <= YEAR_MAX ? y : undefined;
}

/**
 * The front cover by its picture type (ID3 APIC, FLAC PICTURE: "Cover (front)") or, where a
 * format has no types (MP4, APE), by its name; else the first picture. music-metadata's own
 * selectCover always answers the first (its name test is `in` on an array).
 */
function frontCover(pictures: IPicture[]): IPicture | undefined {
  const named = (p: IPicture) => ['front', 'cover', 'cover (front)'].includes((p.name ?? '').toLowerCase());
  return pictures.find((p) => p.type === 'Cover (front)') ?? pictures.find(named) ?? pictures[0];
}

/**
 * The tags of a file, `bytes` being all of it (ID3v1 and APE tags sit at the end). Never
 * throws: tags are optional, and a damaged one gives nothing rather than failing the file.
 * `cover` adds the front cover picture, which the same parse then reads out.
 */
export async function readTags(bytes: Uint8Array, opts: { cover?: boolean } = {}): Promise<Tags> {
  let common;
  try {
    ({ common } = await parseBuffer(bytes, undefined, { skipCovers: !opts.cover }));
  } catch {
    return {};
  }
  const tags: Tags = {};
  const text = (field: Text, value: string | undefined) => {
    const v = value && undoUtf8AsLatin1(value).trim();
    if (v) tags[field] = v;
  };
  text('title', common.title);
  text('artist', common.artist);
  text('album', common.album);
  text('isrc', common.isrc?.[0]);
  const year = yearOf(common.year, common.date);
  if (year !== undefined) tags.year = year;
  const cover = opts.cover ? frontCover(common.picture ?? []) : undefined;
  // a copy: the picture may be a view into the whole file, which posting it to another thread would copy too
  if (cover) tags.cover = { mime: cover.format, data: cover.data.slice() };
  return tags;
}
