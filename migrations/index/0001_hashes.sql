-- One shard of the landmark hash index. Rows are clustered by hash so a lookup is a
-- range scan; WITHOUT ROWID stores each row once, in the primary key's b-tree, with no
-- second index (the index is the table).
CREATE TABLE hashes (
  hash  INTEGER NOT NULL,
  track INTEGER NOT NULL,
  t     INTEGER NOT NULL,
  PRIMARY KEY (hash, track, t)
) WITHOUT ROWID;
