-- Chunked ingest: a track too long for one request arrives as chunks 0..chunk_count-1, in
-- order; it stays 'ingesting' (invisible) until the last one commits. updated_at tells a
-- slow upload from an abandoned one.
ALTER TABLE tracks ADD COLUMN chunk_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tracks ADD COLUMN chunks_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tracks ADD COLUMN updated_at TEXT;
UPDATE tracks SET chunks_done = chunk_count WHERE state != 'ingesting';
