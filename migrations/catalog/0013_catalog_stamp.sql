-- A stamp that changes with every change of the ready catalog (the same triggers as the
-- totals), so an isolate may keep postings it has read for as long as the stamp it read
-- them under stands (worker-api/shards/cache.ts). Random, not a counter: a database restored
-- to an earlier point (D1 Time Travel, a test's rolled-back storage) must not meet a number
-- it had handed out for other contents. 53 bits: JavaScript reads it exactly.
ALTER TABLE catalog_totals ADD COLUMN stamp INTEGER NOT NULL DEFAULT 0;
UPDATE catalog_totals SET stamp = (random() >> 11);

DROP TRIGGER totals_insert;
DROP TRIGGER totals_update;
DROP TRIGGER totals_delete;

CREATE TRIGGER totals_insert AFTER INSERT ON tracks WHEN new.state = 'ready' BEGIN
  UPDATE catalog_totals SET tracks = tracks + 1, frames = frames + new.frames, seconds = seconds + new.duration_s, rows = rows + new.hash_count, stamp = (random() >> 11) WHERE id = 1;
END;
CREATE TRIGGER totals_update AFTER UPDATE ON tracks WHEN (old.state = 'ready') != (new.state = 'ready') OR (new.state = 'ready' AND new.hash_count != old.hash_count) BEGIN
  UPDATE catalog_totals SET
    tracks = tracks - (old.state = 'ready') + (new.state = 'ready'),
    frames = frames - (old.state = 'ready') * old.frames + (new.state = 'ready') * new.frames,
    seconds = seconds - (old.state = 'ready') * old.duration_s + (new.state = 'ready') * new.duration_s,
    rows = rows - (old.state = 'ready') * old.hash_count + (new.state = 'ready') * new.hash_count,
    stamp = (random() >> 11)
  WHERE id = 1;
END;
CREATE TRIGGER totals_delete AFTER DELETE ON tracks WHEN old.state = 'ready' BEGIN
  UPDATE catalog_totals SET tracks = tracks - 1, frames = frames - old.frames, seconds = seconds - old.duration_s, rows = rows - old.hash_count, stamp = (random() >> 11) WHERE id = 1;
END;
