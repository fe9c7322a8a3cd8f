-- Radio monitoring (docs/monitoring.md). A station's runtime state (health, the play in
-- progress) lives in its Durable Object; these rows are what lists and reports read.
CREATE TABLE stations (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  url        TEXT NOT NULL,
  mode       TEXT NOT NULL CHECK (mode IN ('windows', 'continuous')),
  window_s   INTEGER NOT NULL,
  every_s    INTEGER NOT NULL,
  overlap_s  INTEGER NOT NULL,
  paused     INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- One row per play, written when it opens and updated as windows extend it, so the log
-- shows what is on air. Title, artist and ISRC are kept as they were at the time of the
-- play (a royalty report must not change when the catalog does); plays outlive their
-- station, which is why its name is kept too. Times are Unix milliseconds (UTC).
CREATE TABLE plays (
  id           TEXT PRIMARY KEY,
  station_id   TEXT NOT NULL,
  station_name TEXT NOT NULL,
  track_id     INTEGER,
  title        TEXT NOT NULL,
  artist       TEXT,
  isrc         TEXT,
  start_ms     INTEGER NOT NULL,
  end_ms       INTEGER NOT NULL,
  confidence   REAL NOT NULL,
  speed        REAL NOT NULL,
  detections   INTEGER NOT NULL,
  open         INTEGER NOT NULL,
  notes        TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX plays_station_start ON plays (station_id, start_ms);
CREATE INDEX plays_start ON plays (start_ms);
