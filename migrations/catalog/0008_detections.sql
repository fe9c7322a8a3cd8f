-- Answers of the ACRCloud fallback (POST /identify/fallback), one row each: where the
-- answer came from, what ACRCloud said, how long it took and how many tries. Local
-- identifies stay counted in query_totals. ISRC lookups read what ACRCloud named here
-- (metadata only, never hashes).
CREATE TABLE detections (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  source   TEXT NOT NULL CHECK (source IN ('local', 'acrcloud', 'hybrid')),
  status   TEXT NOT NULL CHECK (status IN ('match', 'no_match')),
  score    REAL,
  isrc     TEXT,
  acrid    TEXT,
  title    TEXT,
  artist   TEXT,
  track_id INTEGER,
  ms       REAL NOT NULL,
  tries    INTEGER NOT NULL,
  cached   INTEGER NOT NULL
);
CREATE INDEX detections_isrc ON detections (isrc) WHERE isrc IS NOT NULL;
