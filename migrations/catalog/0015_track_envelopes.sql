-- Each track's band envelope (dsp/src/envelope), in the version it was made: the matcher's
-- second look at its candidates when the hashes name none confidently (docs/engine.md "A band
-- envelope confirms the candidates"). A track ingested before it has none and is searched
-- by its hashes alone until it is ingested again.
CREATE TABLE track_envelopes (
  track_id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  data BLOB NOT NULL
);
