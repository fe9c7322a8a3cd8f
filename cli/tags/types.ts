/** The catalog fields a file's own tags can give. */
export interface Tags {
  title?: string;
  artist?: string;
  album?: string;
  isrc?: string;
  /** Release year, within what the catalog accepts (common/limits.ts). */
  year?: number;
  /** The front cover, only when asked for (readTags' `cover`). */
  cover?: Picture;
}

export interface Picture {
  mime: string;
  data: Uint8Array;
}
