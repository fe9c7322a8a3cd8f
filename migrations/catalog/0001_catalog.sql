-- The catalog. A track is 'ingesting' while its hashes are written to the shards and
-- becomes 'ready' only when every shard has committed; 'deleting' while its hashes are
-- removed. Readers see 'ready' rows only, so nobody sees half a track. AUTOINCREMENT never
-- reuses an id: stray hashes of a deleted track cannot vote for a new one.
CREATE TABLE tracks (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  external_id  TEXT UNIQUE,
  title        TEXT NOT NULL,
  artist       TEXT,
  album        TEXT,
  isrc         TEXT,
  duration_s   REAL NOT NULL,
  frames       INTEGER NOT NULL,
  hash_count   INTEGER NOT NULL,
  content_sha1 TEXT NOT NULL UNIQUE,
  fp_version   INTEGER NOT NULL,
  state        TEXT NOT NULL DEFAULT 'ingesting' CHECK (state IN ('ingesting', 'ready', 'deleting')),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX tracks_title ON tracks (title COLLATE NOCASE);
CREATE INDEX tracks_artist ON tracks (artist COLLATE NOCASE);
CREATE INDEX tracks_isrc ON tracks (isrc);

-- One row per identify request, for /stats (count, match rate, latency percentiles).
CREATE TABLE queries (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  status     TEXT NOT NULL,
  ms         REAL NOT NULL,
  degraded   INTEGER NOT NULL DEFAULT 0
);
