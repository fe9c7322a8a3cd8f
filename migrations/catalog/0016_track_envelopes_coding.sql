-- How a stored band envelope is coded (worker-api/deflate BLOB_CODING): 0 the packed levels
-- as 0015 wrote them, 1 those deflated (deflate-raw), which takes about 30 % off them
-- (docs/scale.md, "What a track costs").
ALTER TABLE track_envelopes ADD COLUMN coding INTEGER NOT NULL DEFAULT 0;
