-- Word search over titles, artists and albums (GET /tracks?q=, worker-api/catalog/search.ts).
-- At 100k tracks a scan with instr() read every row per query; an FTS5 index reads the
-- words' postings (BENCHMARKS.md "Catalog search"). External content: the text lives once,
-- in tracks. The index holds ready tracks only, so counting matches needs no look at the
-- rows; triggers keep it in step with every write and state change, so no code path can
-- forget it. remove_diacritics: "Beyonce" finds "Beyoncé". Prefix indexes for 2 and 3
-- letters: every word is searched as a prefix, and a short one ("lo"*) otherwise merges the
-- postings of every word it begins (2-5x faster at 100k tracks; the index 3.5 -> 8.3 MB).
CREATE VIRTUAL TABLE tracks_fts USING fts5(
  title, artist, album,
  prefix = '2 3',
  content = 'tracks', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO tracks_fts (rowid, title, artist, album) SELECT id, title, artist, album FROM tracks WHERE state = 'ready';

CREATE TRIGGER tracks_fts_insert AFTER INSERT ON tracks WHEN new.state = 'ready' BEGIN
  INSERT INTO tracks_fts (rowid, title, artist, album) VALUES (new.id, new.title, new.artist, new.album);
END;

CREATE TRIGGER tracks_fts_delete AFTER DELETE ON tracks WHEN old.state = 'ready' BEGIN
  INSERT INTO tracks_fts (tracks_fts, rowid, title, artist, album) VALUES ('delete', old.id, old.title, old.artist, old.album);
END;

-- one trigger, so the old words leave before the new ones come (a title change of a ready track)
CREATE TRIGGER tracks_fts_update AFTER UPDATE OF title, artist, album, state ON tracks WHEN old.state = 'ready' OR new.state = 'ready' BEGIN
  INSERT INTO tracks_fts (tracks_fts, rowid, title, artist, album) SELECT 'delete', old.id, old.title, old.artist, old.album WHERE old.state = 'ready';
  INSERT INTO tracks_fts (rowid, title, artist, album) SELECT new.id, new.title, new.artist, new.album WHERE new.state = 'ready';
END;
