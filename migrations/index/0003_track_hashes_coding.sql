-- How a list of a track's hashes is coded (worker-api/deflate BLOB_CODING): 0 the LEB128
-- varints as 0002 wrote them, 1 those deflated (deflate-raw), which takes a third off the
-- lists (docs/scale.md, "What a track costs").
ALTER TABLE track_hashes ADD COLUMN coding INTEGER NOT NULL DEFAULT 0;
