-- Catalog totals in one row, kept exact by triggers, so identify reads the catalog size
-- (it calibrates confidence) in O(1) instead of summing every track on every query.
CREATE TABLE catalog_totals (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  tracks  INTEGER NOT NULL,
  frames  INTEGER NOT NULL,
  seconds REAL NOT NULL,
  rows    INTEGER NOT NULL
);
INSERT INTO catalog_totals (id, tracks, frames, seconds, rows)
  SELECT 1, COUNT(*), COALESCE(SUM(frames), 0), COALESCE(SUM(duration_s), 0), COALESCE(SUM(hash_count), 0) FROM tracks WHERE state = 'ready';

CREATE TRIGGER totals_insert AFTER INSERT ON tracks WHEN new.state = 'ready' BEGIN
  UPDATE catalog_totals SET tracks = tracks + 1, frames = frames + new.frames, seconds = seconds + new.duration_s, rows = rows + new.hash_count WHERE id = 1;
END;
CREATE TRIGGER totals_update AFTER UPDATE ON tracks WHEN (old.state = 'ready') != (new.state = 'ready') OR (new.state = 'ready' AND new.hash_count != old.hash_count) BEGIN
  UPDATE catalog_totals SET
    tracks = tracks - (old.state = 'ready') + (new.state = 'ready'),
    frames = frames - (old.state = 'ready') * old.frames + (new.state = 'ready') * new.frames,
    seconds = seconds - (old.state = 'ready') * old.duration_s + (new.state = 'ready') * new.duration_s,
    rows = rows - (old.state = 'ready') * old.hash_count + (new.state = 'ready') * new.hash_count
  WHERE id = 1;
END;
CREATE TRIGGER totals_delete AFTER DELETE ON tracks WHEN old.state = 'ready' BEGIN
  UPDATE catalog_totals SET tracks = tracks - 1, frames = frames - old.frames, seconds = seconds - old.duration_s, rows = rows - old.hash_count WHERE id = 1;
END;
