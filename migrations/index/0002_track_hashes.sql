-- Which hashes each track has in this shard, so that deleting or exporting a track reads
-- its rows by key instead of scanning the shard (`hashes` is keyed by hash). One row per
-- track and upload chunk, written in the same transaction as the rows: the sorted distinct
-- hashes, delta-coded as LEB128 varints (about 2 bytes a hash, 0.2 MB per hour of audio).
-- Tracks written before this table have no entry here and are found by a scan.
CREATE TABLE track_hashes (
  track  INTEGER NOT NULL,
  part   INTEGER NOT NULL,
  hashes BLOB NOT NULL,
  PRIMARY KEY (track, part)
);
