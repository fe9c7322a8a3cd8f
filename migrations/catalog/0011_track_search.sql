-- Word search over titles, artists and albums (GET /tracks?q=). At 100k tracks a scan with
-- instr() reads every row per query; an FTS5 index reads the words' postings (BENCHMARKS.md
-- "Catalog search"). External content: the text lives once, in tracks; triggers keep the
-- index in step with every write, so no code path can forget it. remove_diacritics: a
-- search for "Beyonce" finds "Beyoncé".
CREATE VIRTUAL TABLE tracks_fts USING fts5(
  title, artist, album,
  content = 'tracks', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO tracks_fts (tracks_fts) VALUES ('rebuild');

CREATE TRIGGER tracks_fts_insert AFTER INSERT ON tracks BEGIN
  INSERT INTO tracks_fts (rowid, title, artist, album) VALUES (new.id, new.title, new.artist, new.album);
END;

CREATE TRIGGER tracks_fts_delete AFTER DELETE ON tracks BEGIN
  INSERT INTO tracks_fts (tracks_fts, rowid, title, artist, album) VALUES ('delete', old.id, old.title, old.artist, old.album);
END;

CREATE TRIGGER tracks_fts_update AFTER UPDATE OF title, artist, album ON tracks BEGIN
  INSERT INTO tracks_fts (tracks_fts, rowid, title, artist, album) VALUES ('delete', old.id, old.title, old.artist, old.album);
  INSERT INTO tracks_fts (rowid, title, artist, album) VALUES (new.id, new.title, new.artist, new.album);
END;
