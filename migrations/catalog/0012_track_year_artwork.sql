-- A track's release year (null: unknown) and its cover picture (worker-api/artwork). The
-- picture's bytes live in R2 under tracks/<id>/<artwork_hash>/ (docs/artwork.md); the row
-- names the current one, so a read needs no R2 listing and its ETag comes from here.
-- artwork_hash: SHA-256 of the uploaded original, 32 hex digits; null: no picture (the
-- Worker draws a placeholder). artwork_type: the original's media type.
ALTER TABLE tracks ADD COLUMN year INTEGER CHECK (year IS NULL OR year BETWEEN 1000 AND 2100);
ALTER TABLE tracks ADD COLUMN artwork_hash TEXT;
ALTER TABLE tracks ADD COLUMN artwork_type TEXT;
