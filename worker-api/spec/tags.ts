// The groups of /openapi.json: every operation names one, and the document describes them.
export const TAGS = {
  identify: 'Naming a recording: query hashes in, tracks out; stored answers; the ACRCloud fallback',
  catalog: 'The tracks of the index and their hashes (writes need the admin token)',
  isrc: 'ISRCs checked, with the recordings that carry them',
  keys: 'Partner API keys bound to origins (admin), and the check a partner page makes',
  stations: 'Radio monitoring: stations, their play logs and live feeds',
  service: 'Liveness, statistics and this document',
  tunescout: "TuneScout's API under /api (multipart uploads, dejavu's answers)",
} as const;

export type Tag = keyof typeof TAGS;
