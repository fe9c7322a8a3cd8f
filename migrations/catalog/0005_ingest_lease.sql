-- One ingest at a time checks for duplicates and writes its first rows: a lease in one
-- row, taken by a conditional UPDATE, so two uploads of the same audio under different
-- files cannot both pass the duplicate check before either is indexed. `until` (ms since
-- the epoch) frees the lease of a request that died holding it.
CREATE TABLE ingest_lease (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  holder TEXT,
  until  INTEGER NOT NULL
);
INSERT INTO ingest_lease (id, holder, until) VALUES (1, NULL, 0);
