/** The catalog fields a file's own tags can give. */
export interface Tags {
  title?: string;
  artist?: string;
  album?: string;
  isrc?: string;
}
